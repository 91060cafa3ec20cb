using System.Globalization;
using SimGan.Admin.Contract;
using Spectre.Console;

namespace SimGan.Cli.Ctl;

/// <summary><c>ctl training status</c> as a two-column table, in the units an operator thinks in.</summary>
public static class TrainingTable
{
    public static void Render(TrainingStatusView? status, IAnsiConsole console)
    {
        if (status is null)
        {
            console.WriteLine("no training runs on this cluster");
            return;
        }
        var table = new Table().AddColumns("", "");
        table.ShowHeaders = false;
        void Row(string name, string value) => table.AddRow(name, Markup.Escape(value));
        Row("phase", status.Phase + (status.Paused ? " (paused)" : ""));
        Row("step", $"{status.Step} / {status.TotalSteps}");
        Row("K_g / K_d", $"{status.KG} / {status.KD}");
        Row("loss D", Loss(status.LossD));
        Row("loss R adversarial", Loss(status.LossRAdversarial));
        Row("loss R self-regularisation", Loss(status.LossRSelfRegularization));
        Row("images/s", status.ImagesPerSecond.ToString("0.0", CultureInfo.InvariantCulture));
        Row("weights version R / D", $"{status.RefinerVersion} / {status.DiscriminatorVersion}");
        Row("discriminator workers", $"{status.DiscriminatorWorkersUp} up of {status.DiscriminatorWorkersWanted} wanted");
        Row("last snapshot", status.LastSnapshotStep is { } step
            ? $"step {step}, {status.SnapshotAgeSeconds?.ToString("0", CultureInfo.InvariantCulture) ?? "?"} s ago"
            : "none yet");
        Row("history buffer", $"{status.BufferFill} / {status.BufferCapacity} images");
        Row("messages sent / received", $"{Bytes(status.MessageBytesSent)} / {Bytes(status.MessageBytesReceived)}");
        console.Write(table);
    }

    private static string Loss(double? loss) => loss?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "-";

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes + " B",
    };
}
