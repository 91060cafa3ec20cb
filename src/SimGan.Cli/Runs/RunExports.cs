using System.Globalization;
using SimGan.Core.Export;
using SimGan.Core.Networks;

namespace SimGan.Cli.Runs;

/// <summary>The refiner files a finished (or stopped) run leaves, the same for either engine.</summary>
public static class RunExports
{
    /// <summary>
    /// refiner.safetensors gets the refiner <see cref="RunWatchOptions.Select"/> names: the last one, or the best
    /// scored (then the last goes to refiner-last.safetensors).
    /// </summary>
    public static void Write(RunFolder run, RunWatchOptions watch, Refiner last, long step, Action<string> warn)
    {
        var meta = new Dictionary<string, string> { ["step"] = step.ToString(CultureInfo.InvariantCulture) };
        if (watch.Select != RunWatchOptions.Best)
        {
            RefinerExport.Save(run.RefinerExport, last, meta);
            return;
        }
        RefinerExport.Save(run.LastRefiner, last, meta);
        if (File.Exists(run.BestRefiner))
        {
            // Through a temporary file, so refiner.safetensors is never half a copy.
            string temporary = run.RefinerExport + ".tmp";
            File.Copy(run.BestRefiner, temporary, overwrite: true);
            File.Move(temporary, run.RefinerExport, overwrite: true);
        }
        else
        {
            warn("no checkpoint was scored yet, so refiner.safetensors holds the last refiner");
            RefinerExport.Save(run.RefinerExport, last, meta);
        }
    }
}
