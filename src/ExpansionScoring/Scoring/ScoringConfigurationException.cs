namespace ExpansionScoring;

/// <summary>A scoring configuration is invalid. The message lists every problem, one per line.</summary>
public sealed class ScoringConfigurationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ScoringConfigurationException"/> class.</summary>
    public ScoringConfigurationException()
        : this(["The scoring configuration is invalid."])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScoringConfigurationException"/> class.</summary>
    /// <param name="message">The single problem.</param>
    public ScoringConfigurationException(string message)
        : this([message])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScoringConfigurationException"/> class.</summary>
    /// <param name="message">The single problem.</param>
    /// <param name="innerException">The cause.</param>
    public ScoringConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Initializes a new instance of the <see cref="ScoringConfigurationException"/> class.</summary>
    /// <param name="errors">Every problem found.</param>
    public ScoringConfigurationException(IEnumerable<string> errors)
        : this(errors?.ToArray() ?? throw new ArgumentNullException(nameof(errors)))
    {
    }

    private ScoringConfigurationException(string[] errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Gets every problem found, one entry each.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string FormatMessage(string[] errors) => errors.Length == 1
        ? $"Invalid scoring configuration: {errors[0]}"
        : $"Invalid scoring configuration ({errors.Length} problems):{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", errors)}";
}
