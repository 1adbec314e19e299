using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ExpansionScoring.Calibration;
using ExpansionScoring.Cli.Commands;
using ExpansionScoring.Cli.Output;
using ExpansionScoring.Cli.Reports;
using Spectre.Console;

namespace ExpansionScoring.Cli.Calibration;

/// <summary>What <c>calibrate</c> computed: the backtest and the suggested fits (each absent when the data cannot support it).</summary>
internal sealed record CalibrationResult(
    string Source,
    CalibrationReport Backtest,
    TransformFit? Transform,
    string? TransformNote,
    WeightFit? Weights,
    string? WeightsNote,
    IReadOnlyList<ExpansionScoring.Input.Rejection> Rejections);

/// <summary>
/// <c>expansion-score calibrate HISTORY</c>: backtests the scores recorded in a history of outcomes
/// (<see cref="Backtest.Evaluate"/>) and suggests a fitted probability transform and, when the signals are present,
/// fitted weights. Suggestions only: nothing is applied. Exit codes as for <c>score</c>.
/// </summary>
internal static class CalibrateCommand
{
    public static int Run(string input, string format, string? outPath, bool quiet, TextReader stdin, TextWriter stdout, TextWriter stderr, CliEnvironment environment)
    {
        var history = HistoryFile.Load(input, stdin, stderr.WriteLine);
        foreach (var rejection in history.Rejections)
        {
            stderr.WriteLine($"rejected {rejection}");
        }

        if (history.Outcomes.Count == 0)
        {
            throw new CliException($"{input}: no usable outcomes ({history.Rows:N0} rows read, {history.Rejections.Count:N0} rejected): nothing to calibrate");
        }

        var report = Backtest.Evaluate(history.Outcomes);
        TransformFit? transform = null;
        string? transformNote = null;
        try
        {
            transform = Calibrator.FitProbabilityTransform(history.Outcomes);
        }
        catch (ArgumentException ex)
        {
            transformNote = "no probability transform suggested: " + ex.Message;
        }

        WeightFit? weights = null;
        string? weightsNote = null;
        if (history.Signals.Count == 0)
        {
            weightsNote = "no weights suggested: the history has no signal columns (plan_fit, velocity, engagement, champion, triggers)";
        }
        else
        {
            try
            {
                weights = Calibrator.FitWeights(history.Outcomes, history.Signals, presetName: "Suggested");
            }
            catch (ArgumentException ex)
            {
                weightsNote = "no weights suggested: " + ex.Message;
            }
        }

        var result = new CalibrationResult(input == "-" ? "standard input" : Path.GetFileName(input), report, transform, transformNote, weights, weightsNote, history.Rejections);
        using (var output = outPath is null ? OutputTarget.ToStandardOutput(stdout) : OutputTarget.ToFile(outPath, "--out"))
        {
            switch (format)
            {
                case "json":
                    WriteJson(output.Writer, result);
                    break;
                case "html":
                    CalibrationHtml.Write(output.Writer, result);
                    break;
                default:
                    WriteTable(Consoles.Create(output.Writer, isTerminal: !output.IsFile && environment.OutputIsTerminal, environment.TerminalWidth), result);
                    break;
            }

            output.Commit();
        }

        if (!quiet)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"evaluated {history.Outcomes.Count:N0} of {history.Rows:N0} rows ({history.Rejections.Count:N0} rejected); suggestions are not applied"));
        }

        return history.Rejections.Count > 0 ? ExitCodes.RowsRejected : ExitCodes.Success;
    }

    public static string Number(double value, string format = "0.000")
        => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    /// <summary>The source-generated contract of <typeparamref name="T"/> under <paramref name="options"/>: no reflection, so the Native AOT build writes it too.</summary>
    private static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    private static void WriteJson(TextWriter output, CalibrationResult r)
    {
        using var sink = new JsonTextSink(output, indented: true);
        var w = sink.Json;
        var options = PortfolioJson.Options;
        w.WriteStartObject();
        w.WriteString("note", "Suggestions only: nothing here has been applied to any model.");
        w.WritePropertyName("backtest");
        JsonSerializer.Serialize(w, r.Backtest, Info<CalibrationReport>(options));
        w.WritePropertyName("suggestedProbabilityTransform");
        if (r.Transform is null)
        {
            w.WriteNullValue();
        }
        else
        {
            JsonSerializer.Serialize(w, r.Transform, Info<TransformFit>(options));
        }

        w.WritePropertyName("suggestedWeights");
        if (r.Weights is null)
        {
            w.WriteNullValue();
        }
        else
        {
            JsonSerializer.Serialize(w, r.Weights, Info<WeightFit>(options));
        }

        w.WriteStartArray("notes");
        foreach (string? note in new[] { r.TransformNote, r.WeightsNote })
        {
            if (note is not null)
            {
                w.WriteStringValue(note);
            }
        }

        w.WriteEndArray();
        w.WriteStartArray("rejected");
        foreach (var rejection in r.Rejections)
        {
            JsonShapes.WriteRejection(w, rejection);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        sink.Drain();
        output.WriteLine();
    }

    private static void WriteTable(IAnsiConsole console, CalibrationResult r)
    {
        var b = r.Backtest;
        console.Write(new Text(string.Create(CultureInfo.InvariantCulture,
            $"Backtest of {b.Count:N0} outcomes from {r.Source}: {b.Expanded:N0} expanded (base rate {b.BaseRate:0.0}%)") + Environment.NewLine, new Style(decoration: Decoration.Bold)));
        var metrics = new Table().Border(TableBorder.Rounded).AddColumn("Measure").AddColumn(new TableColumn("Value").RightAligned()).AddColumn("Reading");
        metrics.AddRow("AUC", Number(b.Auc), "0.5 is a coin toss, 1 ranks every expansion first");
        metrics.AddRow("Brier score", Number(b.BrierScore), "mean squared error of the probabilities; lower is better");
        metrics.AddRow("Log loss", Number(b.LogLoss), "lower is better");
        metrics.AddRow($"{b.TopBand} lift", Number(b.TopBandLift, "0.00") + (double.IsFinite(b.TopBandLift) ? "×" : string.Empty), $"{b.TopBand} win rate over the base rate");
        console.Write(metrics);

        var deciles = new Table().Border(TableBorder.Rounded).Title("Reliability by decile of predicted probability")
            .AddColumn(new TableColumn("Decile").RightAligned()).AddColumn(new TableColumn("Count").RightAligned())
            .AddColumn(new TableColumn("Predicted").RightAligned()).AddColumn(new TableColumn("Range").RightAligned()).AddColumn(new TableColumn("Observed").RightAligned());
        foreach (var d in b.Reliability)
        {
            deciles.AddRow(
                d.Decile.ToString(CultureInfo.InvariantCulture), d.Count.ToString("N0", CultureInfo.InvariantCulture),
                Number(d.MeanPredicted, "0.0") + "%", $"{Number(d.MinPredicted, "0")}–{Number(d.MaxPredicted, "0")}", Number(d.ObservedRate, "0.0") + "%");
        }

        console.Write(deciles);

        var bands = new Table().Border(TableBorder.Rounded).Title("Per band")
            .AddColumn("Band").AddColumn(new TableColumn("Count").RightAligned()).AddColumn(new TableColumn("Won").RightAligned())
            .AddColumn(new TableColumn("Win rate").RightAligned()).AddColumn(new TableColumn("Expansion $").RightAligned());
        foreach (var band in b.Bands)
        {
            bands.AddRow(new Text(band.Band, Consoles.BandStyle(band.Band)), new Text(band.Count.ToString("N0", CultureInfo.InvariantCulture)),
                new Text(band.Wins.ToString("N0", CultureInfo.InvariantCulture)), new Text(Number(band.WinRate, "0.0") + "%"), new Text(Formatting.Money(band.Dollars)));
        }

        console.Write(bands);

        console.Write(new Text("Suggestions (not applied)" + Environment.NewLine, new Style(decoration: Decoration.Bold)));
        if (r.Transform is { } t)
        {
            console.Write(new Text(string.Create(CultureInfo.InvariantCulture,
                $"Probability transform: p = 100 / (1 + e^-({Number(t.Transform.Intercept, "0.0000")} + {Number(t.Transform.Slope, "0.0000")} × composite)); " +
                $"Brier {Number(t.BrierBefore)} → {Number(t.BrierAfter)}, log loss {Number(t.LogLossBefore)} → {Number(t.LogLossAfter)}{(t.Converged ? string.Empty : " (did not converge)")}") + Environment.NewLine));
        }

        if (r.Weights is { } fit)
        {
            console.Write(new Text($"Suggested preset '{fit.Preset.Name}' (AUC {Number(fit.Auc)}, from {fit.Count:N0} outcomes{(fit.Skipped > 0 ? $", {fit.Skipped:N0} skipped for missing signals" : string.Empty)}):" + Environment.NewLine));
            var weights = new Table().Border(TableBorder.Rounded)
                .AddColumn("Signal").AddColumn(new TableColumn("Weight").RightAligned());
            foreach (var (key, weight) in fit.Preset.Weights)
            {
                weights.AddRow(key.Name, Number(weight, "0.###"));
            }

            console.Write(weights);
            console.Write(new Text("To try it, add it under \"Presets\" in a --config file and pass --preset; nothing was changed." + Environment.NewLine));
        }

        foreach (string? note in new[] { r.TransformNote, r.WeightsNote })
        {
            if (note is not null)
            {
                console.Write(new Text(note + Environment.NewLine));
            }
        }
    }
}
