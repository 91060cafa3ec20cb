using Akka.Actor;
using Akka.Configuration;
using SimGan.Cluster.Protocol;
using SimGan.Cluster.Serialization;
using SimGan.Cluster.Tests.Serialization;

namespace SimGan.Fuzz.Targets;

/// <summary>
/// The cluster's binary protocol as a node receives it. The first input byte picks the manifest (so mutations
/// move between message kinds as well as within one), the rest is the message body.
/// </summary>
public sealed class WireTarget : FuzzTarget
{
    readonly ActorSystem _system = ActorSystem.Create("fuzz", ConfigurationFactory.ParseString("akka.loglevel = ERROR"));
    readonly ProtocolSerializer _serializer;
    readonly string[] _manifests;

    public WireTarget()
    {
        _serializer = new ProtocolSerializer((ExtendedActorSystem)_system);
        _manifests = ProtocolSamples.MessageTypes.Select(t => _serializer.Manifest(ProtocolSamples.Create(t))).Order(StringComparer.Ordinal).ToArray();
    }

    public override string Name => "wire";

    public override string Parser => "ProtocolSerializer.FromBinary";

    protected override void Parse(byte[] input)
    {
        if (input.Length == 0) throw new InvalidDataException("no manifest byte");
        _serializer.FromBinary(input[1..], _manifests[input[0] % _manifests.Length]);
    }

    protected override bool IsRefusal(Exception error) => error is InvalidDataException;

    public override IEnumerable<(string, byte[])> Seeds()
    {
        foreach (var type in ProtocolSamples.MessageTypes)
        foreach (bool nulls in new[] { false, true })
        {
            var message = ProtocolSamples.Create(type, nulls, arrayLength: 3);
            string manifest = _serializer.Manifest(message);
            byte[] body = _serializer.ToBinary(message);
            yield return ($"{manifest}-{type.Name}{(nulls ? "-nulls" : "")}", [(byte)Array.IndexOf(_manifests, manifest), .. body]);
        }
    }

    public override void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
