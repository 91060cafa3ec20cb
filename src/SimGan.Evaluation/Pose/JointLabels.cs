using System.Text.Json.Nodes;

namespace SimGan.Evaluation.Pose;

/// <summary>Reads a sample's joints, <c>joint_uvd</c> as the hand datasets write it, as (u, v) pairs in pixels.</summary>
public static class JointLabels
{
    public static bool Has(JsonObject? labels) => labels?["joint_uvd"] is JsonArray;

    public static float[] UvOf(JsonObject? labels, string sampleName)
    {
        if (labels?["joint_uvd"] is not JsonArray joints || joints.Count == 0)
            throw new InvalidDataException($"{sampleName}: no joint_uvd label");
        var uv = new float[2 * joints.Count];
        for (int j = 0; j < joints.Count; j++)
        {
            if (joints[j] is not JsonArray { Count: >= 2 } joint)
                throw new InvalidDataException($"{sampleName}: joint {j} of joint_uvd is not [u, v, d]");
            uv[2 * j] = (float)joint[0]!.GetValue<double>();
            uv[2 * j + 1] = (float)joint[1]!.GetValue<double>();
        }
        return uv;
    }
}
