namespace ExpansionScoring.Input;

/// <summary>
/// One data row as a source found it: its 1-based line in the file (the CSV header is line 1) and its raw text values
/// indexed by <see cref="InputSchema"/> column (<see langword="null"/> when absent or empty), or a problem that makes
/// the whole row unreadable (malformed quoting, a wrong field count, a JSON element that is not an object).
/// </summary>
internal readonly record struct InputRow(long Line, string?[] Values, Rejection? Problem);

/// <summary>
/// A row that was not scored: its line, the account id when known, the field and value at fault and why.
/// <see cref="Field"/> is <c>(row)</c> when the row as a whole is unreadable.
/// </summary>
internal sealed record Rejection(long Line, string? AccountId, string Field, string? Value, string Reason)
{
    public const string WholeRow = "(row)";

    /// <summary>A one-line description for standard error, such as <c>line 4 (account beta): arr: ARR must be >= 0, was '-5'</c>.</summary>
    public override string ToString()
        => AccountId is { Length: > 0 } id
            ? $"line {Line} (account {id}): {Field}: {Reason}"
            : $"line {Line}: {Field}: {Reason}";
}
