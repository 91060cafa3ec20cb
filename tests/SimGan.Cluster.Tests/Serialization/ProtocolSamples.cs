using System.Collections;
using System.Reflection;
using SimGan.Cluster.Protocol;
using SimGan.Core.Training;

namespace SimGan.Cluster.Tests.Serialization;

/// <summary>
/// Every protocol message type, found by reflection, and filled-in instances of each built from its constructor,
/// so a message added tomorrow is covered without anyone remembering to list it here.
/// </summary>
public static class ProtocolSamples
{
    public static IReadOnlyList<Type> MessageTypes { get; } = typeof(ISimGanMessage).Assembly.GetTypes()
        .Where(t => typeof(ISimGanMessage).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
        .OrderBy(t => t.Name)
        .ToList();

    /// <summary>Floats a lossy or sloppy codec would change: NaN payloads, -0, infinities, subnormals.</summary>
    public static readonly float[] AwkwardFloats =
    [
        -0f, float.NaN, BitConverter.UInt32BitsToSingle(0x7FC0BEEF), float.PositiveInfinity, float.NegativeInfinity,
        float.Epsilon, 1f / 3f, -0.7071068f, 123456.79f, 1e-30f,
    ];

    /// <summary>
    /// An instance of <paramref name="type"/> with every field set to a distinctive value. With
    /// <paramref name="nulls"/>, optional fields are null instead, so both branches of an optional are written.
    /// </summary>
    public static object Create(Type type, bool nulls = false, int arrayLength = 10)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        int seed = type.Name.Length;
        var nullability = new NullabilityInfoContext();
        var args = ctor.GetParameters().Select((p, i) =>
            Value(p.ParameterType, p.Name!, seed * 31 + i, nulls && nullability.Create(p).WriteState == NullabilityState.Nullable, arrayLength)).ToArray();
        return ctor.Invoke(args);
    }

    private static object? Value(Type type, string name, int n, bool nulls, int arrayLength)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null) return nulls ? null : Value(underlying, name, n, nulls, arrayLength);
        if (type == typeof(string)) return $"{name}-{n}-ünï\"code\"\n";
        if (type == typeof(int)) return 1_000_000 + n;
        if (type == typeof(long)) return 5_000_000_000L + n;
        if (type == typeof(double)) return n / 7.0 - 1e300 * (n % 2);
        if (type == typeof(float)) return AwkwardFloats[n % AwkwardFloats.Length];
        if (type == typeof(bool)) return n % 2 == 0;
        if (type == typeof(byte)) return (byte)(200 + n % 50);
        if (type == typeof(DataStream)) return (DataStream)(n % 4);
        if (type == typeof(NetworkKind)) return (NetworkKind)(1 + n % 2);
        if (type == typeof(float[])) return Enumerable.Range(0, arrayLength).Select(i => AwkwardFloats[(i + n) % AwkwardFloats.Length] * (1 + i % 3)).ToArray();
        if (type == typeof(int[])) return Enumerable.Range(0, arrayLength).Select(i => i * 3 - n).ToArray();
        if (type == typeof(byte[])) return Enumerable.Range(0, arrayLength).Select(i => (byte)(i * 13 + n)).ToArray();
        // Only parameters declared nullable get null: a required nested message (a task's RunInfo) never is.
        if (typeof(ISimGanMessage).IsAssignableFrom(type)) return nulls ? null : Create(type, false, arrayLength);
        throw new NotSupportedException($"ProtocolSamples cannot make a {type.Name} for '{name}': teach it this field type");
    }

    /// <summary>Differences between two messages, field by field; arrays element by element and floats bit by bit.</summary>
    public static List<string> Differences(object? expected, object? actual, string path = "")
    {
        var problems = new List<string>();
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null) problems.Add($"{path}: {expected ?? "null"} vs {actual ?? "null"}");
            return problems;
        }
        if (expected.GetType() != actual.GetType())
        {
            problems.Add($"{path}: {expected.GetType().Name} vs {actual.GetType().Name}");
            return problems;
        }
        switch (expected)
        {
            case float[] e:
                var a = (float[])actual;
                if (!e.Select(BitConverter.SingleToUInt32Bits).SequenceEqual(a.Select(BitConverter.SingleToUInt32Bits)))
                    problems.Add($"{path}: floats differ [{string.Join(",", e)}] vs [{string.Join(",", a)}]");
                return problems;
            case double d:
                if (BitConverter.DoubleToInt64Bits(d) != BitConverter.DoubleToInt64Bits((double)actual)) problems.Add($"{path}: {d} vs {actual}");
                return problems;
            case IEnumerable list and not string:
                if (!list.Cast<object>().SequenceEqual(((IEnumerable)actual).Cast<object>())) problems.Add($"{path}: sequences differ");
                return problems;
            case ISimGanMessage:
                foreach (var p in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract") continue;
                    problems.AddRange(Differences(p.GetValue(expected), p.GetValue(actual), path + "." + p.Name));
                }
                return problems;
            default:
                if (!expected.Equals(actual)) problems.Add($"{path}: {expected} vs {actual}");
                return problems;
        }
    }
}
