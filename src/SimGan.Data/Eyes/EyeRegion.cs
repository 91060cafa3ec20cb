namespace SimGan.Data.Eyes;

/// <summary>What a ray through a pixel hits first.</summary>
public enum EyeRegion : byte
{
    Skin,
    /// <summary>Inside the lid opening but beyond the eyeball's silhouette: the caruncle and the corner folds.</summary>
    Corner,
    Sclera,
    Iris,
    Pupil,
}
