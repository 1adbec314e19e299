using ExpansionScoring.Cli.Output;
using Spectre.Console;

namespace ExpansionScoring.Cli.Commands;

/// <summary>
/// A progress bar on standard error while a long run streams, shown only when standard error is a terminal and
/// <c>--quiet</c> is off, so it never mixes with piped output. Progress is measured in bytes of input read.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>How often, in rows, the work reports progress.</summary>
    public const int ReportEvery = 4096;

    public static async Task<T> RunAsync<T>(bool show, TextWriter stderr, long? totalBytes, Func<Action<long, long>, T> work)
    {
        if (!show)
        {
            return work(static (_, _) => { });
        }

        var console = Consoles.Create(TerminalSafeWriter.Unwrap(stderr), isTerminal: true);
        return await console.Progress()
            .AutoClear(true)
            .ExcludeVerticalPadding(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Scoring", autoStart: true, maxValue: totalBytes is > 0 ? totalBytes.Value : 1);
                task.IsIndeterminate = totalBytes is not > 0;
                // The run on a thread of its own: it holds the thread to the end, which the pool's workers need.
                var result = await Task.Factory.StartNew(
                    () => work((rows, bytes) =>
                    {
                        task.Value = Math.Min(bytes, task.MaxValue);
                        task.Description = $"Scoring {rows:N0} rows";
                    }),
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return result;
            }).ConfigureAwait(false);
    }
}
