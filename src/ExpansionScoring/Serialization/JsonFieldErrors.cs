using System.Globalization;
using System.Text.Json;

namespace ExpansionScoring.Serialization;

/// <summary>Collects every bad field while reading one JSON value, so a caller hears about all of them at once.</summary>
internal sealed class JsonFieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool HasErrors => errors.Count > 0;

    public static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    public static string Index(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{prefix}[{index}]");

    public void Add(string path, string message)
    {
        path = path.Length == 0 ? "$" : path;
        if (!errors.TryGetValue(path, out var list))
        {
            errors[path] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Runs <paramref name="read"/>, turning the exceptions that mean "bad value" into an error for <paramref name="path"/>.</summary>
    public bool Try(string path, Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or OverflowException or JsonException or ScoringConfigurationException)
        {
            Add(path, Describe(ex));
            return false;
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary()
        => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public ExpansionScoringJsonException ToException() => new(ToDictionary());

    private static string Describe(Exception ex)
    {
        if (ex is ScoringConfigurationException config)
        {
            return string.Join(" ", config.Errors);
        }

        string message = ex.Message;
        if (ex is ArgumentException { ParamName: { } param })
        {
            message = message.Replace($" (Parameter '{param}')", string.Empty, StringComparison.Ordinal);
        }

        return message.ReplaceLineEndings(" ").Trim();
    }
}
