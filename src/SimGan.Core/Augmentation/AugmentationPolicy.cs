namespace SimGan.Core.Augmentation;

/// <summary>
/// Which differentiable transforms D's inputs go through (DiffAugment, Zhao et al. 2020): each image of a batch, real or
/// refined, gets its own random draw of the same transforms, in R's step as in D's, so D cannot win by memorising the
/// few real images it sees and R is judged through the same lens D is trained with.
/// </summary>
/// <remarks>
/// <see cref="Flip"/> is not part of <see cref="All"/> (DiffAugment's four): a mirror image is only as real as the
/// subject is symmetric, which eyes are and text is not, so a user asks for it by name ("all,flip").
/// </remarks>
public sealed record AugmentationPolicy(bool Brightness, bool Contrast, bool Translation, bool Cutout, bool Flip = false)
{
    public const string Choices = "none, all (brightness, contrast, translation, cutout), or a comma list of those and flip";

    public static AugmentationPolicy None { get; } = new(false, false, false, false);

    public static AugmentationPolicy All { get; } = new(true, true, true, true);

    public bool IsNone => this == None;

    /// <summary>Brightness offsets are drawn from ±this, in the networks' [-1, 1] units (±0.25 of the pixel range).</summary>
    public const double BrightnessRange = 0.5;

    /// <summary>Contrast factors are drawn from [1 − this, 1 + this].</summary>
    public const double ContrastRange = 0.5;

    /// <summary>Images shift by up to this fraction of their height and width, filling with 0 (mid-grey).</summary>
    public const double TranslationFraction = 1.0 / 8;

    /// <summary>Cutout blanks a rectangle this fraction of the image's height and width.</summary>
    public const double CutoutFraction = 0.5;

    public static AugmentationPolicy Parse(string text)
    {
        string trimmed = text.Trim().ToLowerInvariant();
        if (trimmed == "none") return None;
        if (trimmed == "all") return All;
        var policy = None;
        foreach (var part in trimmed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            policy = part switch
            {
                "brightness" => policy with { Brightness = true },
                "contrast" => policy with { Contrast = true },
                "translation" => policy with { Translation = true },
                "cutout" => policy with { Cutout = true },
                "flip" => policy with { Flip = true },
                "all" => policy with { Brightness = true, Contrast = true, Translation = true, Cutout = true },
                _ => throw new ArgumentException($"unknown augmentation '{part}' in '{text}' (use {Choices})"),
            };
        }
        if (policy.IsNone) throw new ArgumentException($"'{text}' names no augmentation (use {Choices})");
        return policy;
    }

    public override string ToString()
    {
        if (IsNone) return "none";
        var names = new List<string>();
        if (Brightness && Contrast && Translation && Cutout) names.Add("all");
        else
        {
            if (Brightness) names.Add("brightness");
            if (Contrast) names.Add("contrast");
            if (Translation) names.Add("translation");
            if (Cutout) names.Add("cutout");
        }
        if (Flip) names.Add("flip");
        return string.Join(',', names);
    }
}
