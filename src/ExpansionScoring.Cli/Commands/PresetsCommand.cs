using System.Globalization;
using ExpansionScoring.Cli.Configuration;
using ExpansionScoring.Cli.Output;
using ExpansionScoring.Presets;
using ExpansionScoring.Signals;
using Spectre.Console;

namespace ExpansionScoring.Cli.Commands;

/// <summary><c>expansion-score presets</c>: the weight presets the tool knows (built-in and from <c>--config</c>), as a table or JSON.</summary>
internal static class PresetsCommand
{
    public static int Run(string format, string? configPath, string? outPath, TextWriter stdout, CliEnvironment environment)
    {
        // Building the rubrics' models is most of this command's start-up (JIT of the model compiler): start it on the
        // other core at once, while the options are read and the presets are laid out here.
        var building = Task.Run(Models);
        var options = ModelSetup.LoadOptions(configPath);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw CliException.Problems($"--config {configPath}", errors);
        }

        var presets = WeightPreset.BuiltInPresets.Select(p => (Preset: p, Source: "built-in"))
            .Concat(options.Presets.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => (Preset: WeightPreset.Create(p.Key, p.Value), Source: "config")))
            .ToList();
        string current = options.Weights is null ? ModelSetup.ResolvePresetName(options, options.Preset) : string.Empty;
        var signals = presets.SelectMany(p => p.Preset.Weights.Select(w => w.Key)).Distinct().Order().ToList();

        using var output = outPath is null ? OutputTarget.ToStandardOutput(stdout) : OutputTarget.ToFile(outPath, "--out");
        if (format == "json")
        {
            using var sink = new JsonTextSink(output.Writer, indented: true);
            var w = sink.Json;
            w.WriteStartObject();
            w.WriteStartArray("presets");
            foreach (var (preset, source) in presets)
            {
                w.WriteStartObject();
                w.WriteString("name", preset.Name);
                w.WriteString("source", source);
                w.WriteBoolean("default", preset.Name == current);
                w.WriteStartObject("weights");
                foreach (var (key, weight) in preset.Weights)
                {
                    w.WriteNumber(key.Name, weight);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("models");
            foreach (var (name, model) in building.GetAwaiter().GetResult())
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteBoolean("default", name == ModelSetup.DefaultModel);
                w.WriteStartArray("bands");
                foreach (var band in model.Bands)
                {
                    w.WriteStringValue(band.Name);
                }

                w.WriteEndArray();
                w.WriteStartArray("signals");
                foreach (var signal in model.Signals)
                {
                    w.WriteStringValue(signal.Name);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            sink.Drain();
            output.Writer.WriteLine();
        }
        else
        {
            var console = Consoles.Create(output.Writer, isTerminal: !output.IsFile && environment.OutputIsTerminal, environment.TerminalWidth);
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Preset");
            foreach (var key in signals)
            {
                table.AddColumn(new TableColumn(key.Name).RightAligned());
            }

            table.AddColumn("Source");
            foreach (var (preset, source) in presets)
            {
                var cells = new List<Text> { new(preset.Name + (preset.Name == current ? " (default)" : string.Empty)) };
                cells.AddRange(signals.Select(key => new Text(Weight(preset, key))));
                cells.Add(new Text(source));
                table.AddRow(cells);
            }

            console.Write(table);
            var models = new Table().Border(TableBorder.Rounded).Title("Models (--model NAME)").AddColumn("Model").AddColumn("Bands").AddColumn("Signals");
            foreach (var (name, model) in building.GetAwaiter().GetResult())
            {
                models.AddRow(
                    new Text(name + (name == ModelSetup.DefaultModel ? " (default)" : string.Empty)),
                    new Text(string.Join(", ", model.Bands.Select(b => b.Name))),
                    new Text(string.Join(", ", model.Signals.Select(k => k.Name))));
            }

            console.Write(models);
        }

        output.Commit();
        return ExitCodes.Success;
    }

    private static List<(string Name, ScoringModel Model)> Models()
    {
        var models = new List<(string Name, ScoringModel Model)>();
        foreach (string name in ExpansionScoring.Rubrics.RubricCatalog.Names)
        {
            if (ExpansionScoring.Rubrics.RubricCatalog.TryCreate(name, out var options))
            {
                models.Add((name, ScoringModel.Create(options)));
            }
        }

        return models;
    }

    private static string Weight(WeightPreset preset, SignalKey key)
    {
        double w = preset.WeightOf(key);
        return w == 0 ? "–" : w.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
