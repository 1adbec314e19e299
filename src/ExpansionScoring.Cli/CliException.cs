namespace ExpansionScoring.Cli;

/// <summary>
/// A problem that stops the tool before or while it works (usage, configuration, a missing or unreadable file).
/// The message is shown as it is, without a stack trace, and the tool exits with <see cref="ExitCodes.Failed"/>.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliException()
    {
    }

    /// <summary>One message listing every problem with a file or option: "SOURCE: N problems:" then one indented line each.</summary>
    public static CliException Problems(string source, IReadOnlyCollection<string> problems, Exception? innerException = null)
    {
        string message = $"{source}: {problems.Count} problem{(problems.Count > 1 ? "s" : string.Empty)}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}";
        return innerException is null ? new CliException(message) : new CliException(message, innerException);
    }
}

/// <summary>The tool's exit codes, relied on by users' scripts.</summary>
internal static class ExitCodes
{
    /// <summary>Every row was scored.</summary>
    public const int Success = 0;

    /// <summary>Nothing was done: a usage, configuration or file error (or a --strict stop).</summary>
    public const int Failed = 1;

    /// <summary>The run finished, but some rows were rejected; every one is listed.</summary>
    public const int RowsRejected = 2;

    /// <summary><c>compare --fail-on-change</c>: some account's band, offer or window changed (takes precedence over 2).</summary>
    public const int ChangesFound = 3;
}
