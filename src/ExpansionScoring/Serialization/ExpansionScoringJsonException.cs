using System.Text.Json;

namespace ExpansionScoring.Serialization;

/// <summary>
/// JSON that is well-formed but describes an invalid value, such as an account with a negative ARR or a signal
/// above 100. <see cref="Errors"/> names every bad field by its JSON path (for example <c>Arr</c>,
/// <c>Signals.PlanFit</c> or <c>Telemetry.TriggerEvents[0].Date</c>) with why it is bad.
/// </summary>
public sealed class ExpansionScoringJsonException : JsonException
{
    /// <summary>Initializes a new instance of the <see cref="ExpansionScoringJsonException"/> class.</summary>
    public ExpansionScoringJsonException()
        : this("The JSON describes an invalid value.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExpansionScoringJsonException"/> class.</summary>
    /// <param name="message">The problem.</param>
    public ExpansionScoringJsonException(string message)
        : base(message)
    {
        Errors = new Dictionary<string, string[]>();
    }

    /// <summary>Initializes a new instance of the <see cref="ExpansionScoringJsonException"/> class.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public ExpansionScoringJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    /// <summary>Initializes a new instance of the <see cref="ExpansionScoringJsonException"/> class.</summary>
    /// <param name="errors">Every bad field by its JSON path, with one or more reasons each.</param>
    /// <exception cref="ArgumentNullException"><paramref name="errors"/> is <see langword="null"/>.</exception>
    public ExpansionScoringJsonException(IReadOnlyDictionary<string, string[]> errors)
        : base(FormatMessage(errors ?? throw new ArgumentNullException(nameof(errors))))
    {
        Errors = errors;
    }

    /// <summary>Gets every bad field by its JSON path, with one or more reasons each.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static string FormatMessage(IReadOnlyDictionary<string, string[]> errors)
        => errors.Count == 0
            ? "The JSON describes an invalid value."
            : "The JSON describes an invalid value: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
}
