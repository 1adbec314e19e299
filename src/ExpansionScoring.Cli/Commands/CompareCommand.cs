using System.Globalization;
using ExpansionScoring.Cli.Configuration;
using ExpansionScoring.Cli.Input;
using ExpansionScoring.Cli.Output;
using ExpansionScoring.Cli.Reports;
using ExpansionScoring.History;
using ExpansionScoring.Plays;
using ExpansionScoring.Serialization;

namespace ExpansionScoring.Cli.Commands;

/// <summary>One side of <c>compare</c>: the book and the model options that apply to it (the shared option when the side's own is absent).</summary>
internal sealed record CompareSide(string Input, string? AsOf, string? Model, string? Preset, string? Config, string AsOfOption);

/// <summary>The options of <c>expansion-score compare</c>.</summary>
internal sealed record CompareRequest(
    CompareSide Before,
    CompareSide After,
    string Format,
    string? Out,
    bool All,
    string? Overrides,
    int? Top,
    bool Quiet,
    bool FailOnChange,
    string? Plays,
    string? Tasks)
{
    /// <summary>Gets how both books are written and mapped (each side also reads the Input section of its own --config).</summary>
    public InputRequest InputOptions { get; init; } = InputRequest.None;
}

/// <summary>
/// <c>expansion-score compare BEFORE AFTER</c>: the weekly loop. Reads two snapshots of a book (or one book twice under
/// two models), scores each side, and writes what changed — the library's <see cref="BookChanges"/> — as a table, CSV,
/// JSON or a "What changed" page, plus the task list the plays make of it. Exit 0, or 2 when rows were rejected (all
/// listed), 1 when nothing could be done; with <c>--fail-on-change</c>, 3 when any band, offer or window changed.
/// </summary>
internal static class CompareCommand
{
    public static Task<int> RunAsync(CompareRequest request, TextReader stdin, TextWriter stdout, TextWriter stderr, CliEnvironment environment, CancellationToken cancellationToken)
    {
        // Everything that can be wrong with the arguments is checked before any file is read or written.
        if (request.Before.Input == "-" && request.After.Input == "-")
        {
            throw new CliException("compare: only one side can be read from standard input (-)");
        }

        var asOfAfter = ParseDate(request.After.AsOf, request.After.AsOfOption, environment.TodayUtc);
        var asOfBefore = ParseDate(request.Before.AsOf, request.Before.AsOfOption, asOfAfter);
        var (beforeOptions, beforeModel) = Model("before", request.Before);
        var (afterOptions, afterModel) = Model("after", request.After);
        var plays = request.Plays is null ? PlayBook.Default : LoadPlays(request.Plays);
        var overrides = request.Overrides is null ? null : OverridesFile.Load(request.Overrides);

        long rejected = 0;
        void Reject(string side, Rejection rejection)
        {
            rejected++;
            stderr.WriteLine($"rejected ({side}) {rejection}");
        }

        var beforeInput = InputSetup.Settings(request.InputOptions, request.Before.Config);
        var afterInput = InputSetup.Settings(request.InputOptions, request.After.Config);
        var (beforeBook, beforeRows, _) = BookReader.Read(request.Before.Input, stdin, new InputSchema(beforeOptions.Signals), beforeInput, stderr.WriteLine, r => Reject("before", r), overrides, cancellationToken);
        var (afterBook, afterRows, owners) = BookReader.Read(request.After.Input, stdin, new InputSchema(afterOptions.Signals), afterInput, stderr.WriteLine, r => Reject("after", r), overrides, cancellationToken);
        WarnIfEmpty(stderr, request.Before.Input, beforeRows);
        WarnIfEmpty(stderr, request.After.Input, afterRows);

        var changes = BookChanges.Compare(
            BookSnapshot.Create(beforeModel, beforeBook, asOfBefore),
            BookSnapshot.Create(afterModel, afterBook, asOfAfter),
            new HistoryOptions { IncludeNextBandLifts = false });

        // A task's owner is the account's first kept column in AFTER (--keep "CSM", say) when it has a value, else the play's role.
        var tasks = plays.Tasks(changes, owners.Count == 0 ? null : id => owners.GetValueOrDefault(id));
        // The same book on both sides is a model-change preview: it lists the accounts the change would route
        // differently (band, offer or window); two snapshots list every account that changed in any way.
        bool preview = SameFile(request.Before.Input, request.After.Input);
        var shown = request.All ? changes : preview ? changes.WithAccounts(a => a.BandOfferOrWindowChanged) : changes.OnlyChangedAccounts();
        var report = new CompareReport(shown, tasks, Label(request.Before), Label(request.After), request.Top ?? 10);

        using (var output = request.Out is null ? OutputTarget.ToStandardOutput(stdout) : OutputTarget.ToFile(request.Out, "--out"))
        using (var tasksOutput = request.Tasks is null ? null : OutputTarget.ToFile(request.Tasks, "--tasks"))
        {
            switch (request.Format)
            {
                case "json" when output.FileStream is { } file:
                    // Straight to the file as UTF-8: a big book's changes never sit in memory as one string.
                    BookChangesJson.Serialize(file, shown);
                    file.WriteByte((byte)'\n');
                    break;
                case "json":
                    output.Writer.Write(BookChangesJson.Serialize(shown));
                    output.Writer.WriteLine();
                    break;
                case "csv":
                    CompareCsv.WriteAccounts(output.Writer, shown);
                    break;
                case "html":
                    CompareHtml.Write(output.Writer, report);
                    break;
                default:
                    CompareTable.Write(Consoles.Create(output.Writer, isTerminal: !output.IsFile && environment.OutputIsTerminal, environment.TerminalWidth), report);
                    break;
            }

            if (tasksOutput is not null)
            {
                CompareCsv.WriteTasks(tasksOutput.Writer, tasks);
                tasksOutput.Commit();
            }

            output.Commit();
        }

        foreach (string rejection in overrides?.Rejections ?? [])
        {
            stderr.WriteLine($"rejected override {rejection}");
        }

        if (overrides?.Unused() is { Count: > 0 } unused)
        {
            stderr.WriteLine($"warning: {unused.Count} override{(unused.Count > 1 ? "s name accounts" : " names an account")} in neither book: {string.Join(", ", unused.Take(10))}{(unused.Count > 10 ? ", …" : string.Empty)}");
        }

        int moved = changes.Accounts.Count(a => a.BandOfferOrWindowChanged);
        if (!request.Quiet)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"compared {changes.Before.AccountCount:N0} accounts as of {Formatting.Date(asOfBefore)} with {changes.After.AccountCount:N0} as of {Formatting.Date(asOfAfter)}: {changes.Added.Count:N0} added, {changes.Removed.Count:N0} removed, {changes.Accounts.Count(a => a.HasChanged):N0} changed ({moved:N0} in band, offer or window); pipeline {Formatting.Money(changes.Before.Pipeline)} → {Formatting.Money(changes.After.Pipeline)}; {tasks.Count:N0} task{(tasks.Count == 1 ? string.Empty : "s")}"));
        }

        int exit = request.FailOnChange && moved > 0 ? ExitCodes.ChangesFound : rejected > 0 || overrides?.RejectedCount > 0 ? ExitCodes.RowsRejected : ExitCodes.Success;
        return Task.FromResult(exit);
    }

    private static bool SameFile(string before, string after)
        => before != "-" && after != "-" && string.Equals(Path.GetFullPath(before), Path.GetFullPath(after), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static string Label(CompareSide side)
        => $"{(side.Input == "-" ? "standard input" : Path.GetFileName(side.Input))} ({ModelSetup.ModelName(side.Model, side.Config)}{(side.Preset is null ? string.Empty : ", preset " + side.Preset)})";

    private static DateOnly ParseDate(string? text, string option, DateOnly fallback)
        => text is null ? fallback
            : AccountRowParser.TryParseDate(text, out var date) ? date
            : throw new CliException($"{option}: '{text}' is not a date (expected yyyy-MM-dd, for example 2026-11-23)");

    private static (ExpansionScoringOptions Options, ScoringModel Model) Model(string side, CompareSide s)
    {
        try
        {
            var options = ModelSetup.LoadOptions(s.Config, s.Model);
            return (options, ModelSetup.Build(options, s.Preset, s.Config));
        }
        catch (CliException ex)
        {
            throw new CliException($"{side}: {ex.Message}", ex);
        }
    }

    private static PlayBook LoadPlays(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(Directory.Exists(path) ? $"--plays {path}: is a directory, not a file" : $"--plays {path}: file not found");
        }

        try
        {
            return PlayBook.FromJson(File.ReadAllText(path));
        }
        catch (ScoringConfigurationException ex)
        {
            throw CliException.Problems($"--plays {path}", [.. ex.Errors], ex);
        }
    }

    private static void WarnIfEmpty(TextWriter stderr, string input, long rows)
    {
        if (rows == 0)
        {
            stderr.WriteLine($"warning: {input}: no data rows");
        }
    }
}
