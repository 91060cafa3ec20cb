using SimGan.Core.Images;
using SimGan.Data.Eyes;
using SimGan.Data.Folders;
using SimGan.Data.Formats;
using SimGan.Data.Hands;

namespace SimGan.Data.Datasets;

/// <summary>
/// Opens the dataset a spec string names: eyes-synthetic[:COUNT][?seed=S], eyes-real[:COUNT][?seed=S],
/// eyes-rendered[:COUNT][?seed=S], folder:PATH,
/// unityeyes:PATH, mpiigaze:PATH, h5:PATH, nyu-hand:PATH, and equalize:SPEC (any of those, histogram-equalised).
/// File-backed sets come wrapped in a <see cref="SkippingDataset"/>.
/// </summary>
public static class DatasetSpec
{
    public static readonly IReadOnlyList<string> Schemes =
        [EyeDomainNames.Synthetic, EyeDomainNames.Real, EyeDomainNames.Rendered, HandDomainNames.Synthetic, HandDomainNames.Real, "folder", "unityeyes", "mpiigaze", "h5", "nyu-hand", EqualizedDataset.Scheme];

    public static IDataset Open(string spec, DatasetOptions? options = null)
    {
        options ??= DatasetOptions.Default;
        if (string.IsNullOrWhiteSpace(spec))
            throw new DatasetException($"the dataset spec is empty; use one of {SchemeList}");
        if (options.Channels is not (1 or 3))
            throw new DatasetException($"{options.Channels} channels are not supported; use 1 (grayscale) or 3 (RGB)");
        // "scheme:argument", or "scheme?options" for an endless generator.
        int split = spec.IndexOfAny([':', '?']);
        string scheme = split < 0 ? spec : spec[..split];
        string? argument = split < 0 ? null : spec[split] == ':' ? spec[(split + 1)..] : spec[split..];
        return scheme switch
        {
            EyeDomainNames.Synthetic => OpenEyes(EyeDomain.Synthetic, argument, spec, options),
            EyeDomainNames.Real => OpenEyes(EyeDomain.Real, argument, spec, options),
            EyeDomainNames.Rendered => OpenEyes(EyeDomain.Rendered, argument, spec, options),
            HandDomainNames.Synthetic => OpenHands(HandDomain.Synthetic, argument, spec, options),
            HandDomainNames.Real => OpenHands(HandDomain.Real, argument, spec, options),
            "folder" => Skipping(new FolderDataset(RequirePath(scheme, argument), EyeShape(options), spec), options),
            "unityeyes" => Skipping(new UnityEyesDataset(RequirePath(scheme, argument), EyeShape(options), spec), options),
            "mpiigaze" => OpenMpiiGaze(argument, spec, options),
            "h5" => Skipping(new GazeH5Dataset(RequirePath(scheme, argument), EyeShape(options), spec), options),
            EqualizedDataset.Scheme => new EqualizedDataset(Open(argument is { Length: > 0 } inner && !inner.StartsWith('?')
                ? inner
                : throw new DatasetException($"\"{spec}\": equalize needs the spec of the set to equalise, e.g. equalize:eyes-synthetic:1000"), options)),
            "nyu-hand" => Skipping(new NyuHandDataset(RequirePath(scheme, argument),
                Shape(options, DatasetOptions.HandSize, DatasetOptions.HandSize), spec), options),
            _ => throw new DatasetException($"unknown dataset scheme \"{scheme}\" in \"{spec}\"; use one of {SchemeList}"),
        };
    }

    /// <summary>
    /// Synthetic and real sets must agree in shape before training starts; says which flag to change when they do not.
    /// </summary>
    public static void EnsureCompatible(IImageSource synthetic, IImageSource real)
    {
        ImageShape a = synthetic.Shape, b = real.Shape;
        if (a.Channels != b.Channels)
            throw new DatasetException(
                $"the synthetic set has {a.Channels} channel(s) but the real set has {b.Channels}; open both with the same channel count");
        if (a.Height != b.Height || a.Width != b.Width)
            throw new DatasetException(
                $"the synthetic set is {a.Height}x{a.Width} but the real set is {b.Height}x{b.Width}; open both with the same --height/--width");
    }

    static string SchemeList => string.Join(", ", Schemes.Select(s => s switch
    {
        EyeDomainNames.Synthetic or EyeDomainNames.Real or EyeDomainNames.Rendered or HandDomainNames.Synthetic or HandDomainNames.Real => s + "[:COUNT][?seed=S]",
        EqualizedDataset.Scheme => s + ":SPEC",
        _ => s + ":PATH",
    }));

    /// <summary>
    /// A generator set: the count after the colon, and optionally its own seed (<c>?seed=S</c>), which overrides the
    /// seed the command would give it, so that a spec alone names exactly the same images anywhere.
    /// </summary>
    static IDataset OpenEyes(EyeDomain domain, string? argument, string spec, DatasetOptions options)
    {
        var (count, ownSeed) = GeneratorArguments(domain.Name(), argument, spec, options);
        var shape = EyeShape(options);
        return new EyeDataset(domain, count, ownSeed ?? options.Seed, shape.Height, shape.Width, namesSeed: ownSeed is not null);
    }

    static IDataset OpenHands(HandDomain domain, string? argument, string spec, DatasetOptions options)
    {
        var (count, ownSeed) = GeneratorArguments(domain.Name(), argument, spec, options);
        var shape = Shape(options, HandDataset.DefaultSize, HandDataset.DefaultSize);
        if (shape.Height != shape.Width) throw new DatasetException($"{domain.Name()} crops are square; give the same --height and --width");
        return new HandDataset(domain, count, ownSeed ?? options.Seed, shape.Height, namesSeed: ownSeed is not null);
    }

    /// <summary>A generator's count (after the colon) and its own seed (<c>?seed=S</c>), if the spec names them.</summary>
    static (long? Count, ulong? Seed) GeneratorArguments(string name, string? argument, string spec, DatasetOptions options)
    {
        if (options.Channels != 1)
            throw new DatasetException($"{name} is grayscale; open it with 1 channel");
        const string seedKey = "?seed=";
        ulong? ownSeed = null;
        int query = argument?.IndexOf('?') ?? -1;
        if (query >= 0)
        {
            string parameter = argument![query..];
            if (!parameter.StartsWith(seedKey, StringComparison.Ordinal) || !ulong.TryParse(parameter[seedKey.Length..], out ulong seed))
                throw new DatasetException($"\"{spec}\": the only option of {name} is ?seed=S with S a whole number ≥ 0, e.g. {name}:1000?seed=2");
            ownSeed = seed;
            argument = query == 0 && !spec.Contains(':') ? null : argument[..query];
        }
        long? count = null;
        if (argument is not null)
        {
            if (!long.TryParse(argument, out long n) || n <= 0)
                throw new DatasetException($"\"{spec}\": the count must be a positive whole number, e.g. {name}:10000");
            count = n;
        }
        return (count, ownSeed);
    }

    /// <summary>mpiigaze:PATH, or mpiigaze:PATH?subset=evaluation for MPIIGaze's evaluation subset only.</summary>
    static IDataset OpenMpiiGaze(string? argument, string spec, DatasetOptions options)
    {
        const string evaluation = "?subset=evaluation";
        bool subset = argument?.EndsWith(evaluation, StringComparison.Ordinal) == true;
        string path = RequirePath("mpiigaze", subset ? argument![..^evaluation.Length] : argument);
        return Skipping(new MpiiGazeDataset(path, EyeShape(options), subset, spec), options);
    }

    static ImageShape EyeShape(DatasetOptions options) =>
        Shape(options, DatasetOptions.EyeHeight, DatasetOptions.EyeWidth);

    internal static ImageShape Shape(DatasetOptions options, int defaultHeight, int defaultWidth)
    {
        int height = options.Height ?? defaultHeight, width = options.Width ?? defaultWidth;
        if (height is < 1 or > DatasetOptions.MaxSide || width is < 1 or > DatasetOptions.MaxSide)
            throw new DatasetException($"image size {height}x{width} is out of range; use sides between 1 and {DatasetOptions.MaxSide}");
        return new ImageShape(options.Channels, height, width);
    }

    static string RequirePath(string scheme, string? argument)
    {
        if (string.IsNullOrWhiteSpace(argument))
            throw new DatasetException($"\"{scheme}\" needs a path, e.g. {scheme}:/data/my-set");
        if (!Directory.Exists(argument) && !File.Exists(argument))
            throw new DatasetException($"{argument} does not exist; check the path in \"{scheme}:{argument}\"");
        return argument;
    }

    static IDataset Skipping(IDataset dataset, DatasetOptions options) =>
        new SkippingDataset(dataset, options.Strict, options.MaxBadFraction);
}
