namespace SimGan.Core.Tensors;

/// <summary>How floats travel: exact, or halved in size for images where the last bits do not matter.</summary>
public enum WirePrecision : byte { Float32 = 0, Float16 = 1, BFloat16 = 2 }
