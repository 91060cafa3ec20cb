using Akka.Actor;
using Akka.Configuration;
using SimGan.Cluster.Serialization;
using SimGan.Cluster.Tests.Serialization;

namespace SimGan.Fuzz.Targets;

/// <summary>
/// The cluster's binary protocol as a node receives it. The first input byte picks the manifest (so mutations
/// move between message kinds as well as within one), the rest is the message body.
/// </summary>
public sealed class WireTarget : FuzzTarget
{
    static readonly string[] Manifests = ProtocolSamples.MessageTypes
        .Select(t => ProtocolSerializer.ManifestOf(ProtocolSamples.Create(t))).Order(StringComparer.Ordinal).ToArray();

    public override string Name => "wire";

    public override string Parser => "ProtocolSerializer.FromBinary";

    protected override void Parse(byte[] input)
    {
        if (input.Length == 0) throw new InvalidDataException("no manifest byte");
        ProtocolSerializer.Decode(input[1..], Manifests[input[0] % Manifests.Length]);
    }

    protected override bool IsRefusal(Exception error) => error is InvalidDataException;

    public override IEnumerable<(string, byte[])> Seeds()
    {
        // Writing needs the serializer's settings, so seeds (never made under afl-fuzz) start an actor system.
        using var system = ActorSystem.Create("fuzz-seeds", ConfigurationFactory.ParseString("akka.loglevel = ERROR"));
        var serializer = new ProtocolSerializer((ExtendedActorSystem)system);
        var seeds = new List<(string, byte[])>();
        foreach (var type in ProtocolSamples.MessageTypes)
        foreach (bool nulls in new[] { false, true })
        {
            var message = ProtocolSamples.Create(type, nulls, arrayLength: 3);
            string manifest = ProtocolSerializer.ManifestOf(message);
            seeds.Add(($"{manifest}-{type.Name}{(nulls ? "-nulls" : "")}", [(byte)Array.IndexOf(Manifests, manifest), .. serializer.ToBinary(message)]));
        }
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
        return seeds;
    }
}
