namespace SimGan.Data.Hands;

/// <summary>
/// The 14 joints NYU's evaluation protocol scores, in its order (the subset of NYU's 36 that published hand-pose code
/// uses): for the little, ring, middle and index fingers the tip and the middle (PIP) joint, then the thumb's tip,
/// middle (IP) and base (MCP), then two points on the wrist and the palm's centre.
/// </summary>
public static class HandJoints
{
    public const int Count = 14;

    public static IReadOnlyList<string> Names { get; } =
    [
        "little_tip", "little_pip", "ring_tip", "ring_pip", "middle_tip", "middle_pip", "index_tip", "index_pip",
        "thumb_tip", "thumb_ip", "thumb_mcp", "wrist_little_side", "wrist_thumb_side", "palm_centre",
    ];
}
