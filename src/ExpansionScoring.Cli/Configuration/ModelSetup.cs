using System.Text.Json;
using System.Text.Json.Serialization;
using ExpansionScoring.Cli.Input;
using ExpansionScoring.Presets;

namespace ExpansionScoring.Cli.Configuration;

/// <summary>Source-generated JSON metadata for the <c>--config</c> file: the library's options shape, enums as names.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
[JsonSerializable(typeof(ExpansionScoringOptions))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;

/// <summary>
/// Turns <c>--config</c> and <c>--preset</c> into a compiled <see cref="ScoringModel"/>. Every configuration problem
/// becomes a <see cref="CliException"/> whose message lists them all.
/// </summary>
internal static class ModelSetup
{
    /// <summary>The ready-made model used when <c>--model</c> is not given.</summary>
    public const string DefaultModel = Rubrics.RubricCatalog.Expansion;

    /// <summary>The largest configuration file: a model's options fill a few kilobytes.</summary>
    public const long MaxConfigBytes = 16L * 1024 * 1024;

    /// <summary>
    /// Gives the options to score with: the <c>--config</c> file when given, else the ready-made model named by
    /// <c>--model</c> (case-insensitive; <see cref="DefaultModel"/> when absent).
    /// </summary>
    /// <exception cref="CliException">The model is unknown, both options are given, or the config file is unusable.</exception>
    public static ExpansionScoringOptions LoadOptions(string? configPath, string? modelName)
    {
        if (modelName is null)
        {
            return LoadOptions(configPath);
        }

        if (configPath is not null)
        {
            throw new CliException("--model and --config cannot be combined: --config already defines the whole model");
        }

        return Rubrics.RubricCatalog.TryCreate(modelName.Trim(), out var options)
            ? options
            : throw new CliException($"--model: unknown model '{modelName}' (known: {string.Join(", ", Rubrics.RubricCatalog.Names)})");
    }

    /// <summary>Gives the canonical name of a ready-made model, or the default's when none was asked for.</summary>
    public static string ModelName(string? modelName, string? configPath)
        => configPath is not null && modelName is null ? "custom (--config)"
            : Rubrics.RubricCatalog.Names.FirstOrDefault(n => string.Equals(n, modelName?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? DefaultModel;

    /// <summary>Reads the options from a JSON file with the shape of <see cref="ExpansionScoringOptions"/>.</summary>
    /// <exception cref="CliException">The file is missing or is not valid JSON of that shape.</exception>
    public static ExpansionScoringOptions LoadOptions(string? path)
    {
        if (path is null)
        {
            return new ExpansionScoringOptions();
        }

        if (!File.Exists(path))
        {
            throw new CliException(Directory.Exists(path) ? $"--config {path}: is a directory, not a file" : $"--config {path}: file not found");
        }

        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length == 0)
            {
                throw new CliException($"--config {path}: the file is empty (expected a JSON object with the library's options)");
            }

            if (stream.Length > MaxConfigBytes)
            {
                throw new CliException($"--config {path}: the file is {stream.Length / (1024.0 * 1024):0.#} MB; a configuration may be at most {MaxConfigBytes / (1024 * 1024)} MB");
            }

            // The Input section (how the book is written and mapped) is read by InputSetup, not the library's options.
            byte[] json = InputSetup.WithoutInputSection(Utf8Check.Require(ReadAll(stream), $"--config {path}"));
            return JsonSerializer.Deserialize(json, ConfigJsonContext.Default.ExpansionScoringOptions)
                ?? throw new CliException($"--config {path}: expected a JSON object, found null");
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber is { } line ? $", line {line + 1}" : string.Empty;
            string setting = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" at {ex.Path}";
            throw new CliException($"--config {path}{where}: {Explain(ex)}{setting}", ex);
        }
    }

    /// <summary>Applies <c>--preset</c> (matched case-insensitively among the built-ins and the config's presets) and builds the model.</summary>
    /// <exception cref="CliException">The preset is unknown or the options are invalid; the message lists every problem.</exception>
    public static ScoringModel Build(ExpansionScoringOptions options, string? preset, string? configPath)
    {
        if (preset is not null)
        {
            options.Preset = ResolvePresetName(options, preset);
            options.Weights = null;
        }

        try
        {
            return ScoringModel.Create(options);
        }
        catch (ScoringConfigurationException ex)
        {
            string source = configPath is null ? "configuration" : $"--config {configPath}";
            throw CliException.Problems(source, [.. ex.Errors], ex);
        }
    }

    /// <summary>Finds a preset name case-insensitively among the built-ins and the presets the options define.</summary>
    /// <exception cref="CliException">No preset has that name; the message lists the known ones.</exception>
    public static string ResolvePresetName(ExpansionScoringOptions options, string name)
    {
        if (WeightPreset.TryGetBuiltIn(name, out var builtIn))
        {
            return builtIn.Name;
        }

        foreach (string custom in options.Presets.Keys)
        {
            if (string.Equals(custom, name, StringComparison.OrdinalIgnoreCase))
            {
                return custom;
            }
        }

        throw new CliException($"--preset: unknown preset '{name}' (known: {string.Join(", ", KnownPresets(options))})");
    }

    public static IEnumerable<string> KnownPresets(ExpansionScoringOptions options)
        => WeightPreset.BuiltInPresets.Select(p => p.Name).Concat(options.Presets.Keys.Order(StringComparer.OrdinalIgnoreCase));

    private static byte[] ReadAll(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static string Explain(JsonException ex)
    {
        string message = ex.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            int start = message.IndexOf('\'', StringComparison.Ordinal);
            int end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
            return end > start ? $"unknown setting '{message[(start + 1)..end]}'" : "unknown setting";
        }

        if (message.Contains("Duplicate property", StringComparison.Ordinal) || message.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "a setting is given twice";
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            return "a value has the wrong type";
        }

        return "not valid JSON: " + JsonMessages.WithoutPosition(message);
    }
}
