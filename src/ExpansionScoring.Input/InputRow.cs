namespace ExpansionScoring.Input;

/// <summary>
/// One data row as a source found it: its 1-based line in the file (the CSV header is line 1) and its raw text values
/// indexed by <see cref="InputSchema"/> column (<see langword="null"/> when absent or empty), or a problem that makes
/// the whole row unreadable (malformed quoting, a wrong field count, a JSON element that is not an object).
/// </summary>
internal readonly record struct InputRow(long Line, string?[] Values, Rejection? Problem)
{
    /// <summary>Gets the values of the columns to keep (<see cref="InputSettings.Keep"/>), in the order asked for; empty when none.</summary>
    public string?[] Kept { get; init; } = [];
}

/// <summary>
/// A row that was not scored: its line, the account id when known, the field and value at fault and why, and the
/// row's other bad fields in <see cref="Others"/>. <see cref="Field"/> is <c>(row)</c> when the row as a whole is unreadable.
/// </summary>
internal sealed record Rejection(long Line, string? AccountId, string Field, string? Value, string Reason)
{
    public const string WholeRow = "(row)";

    /// <summary>Gets the row's other bad fields, each with the same line and account id.</summary>
    public IReadOnlyList<Rejection> Others { get; init; } = [];

    /// <summary>Gets every bad field of the row: this one, then <see cref="Others"/>.</summary>
    public IEnumerable<Rejection> Fields => Others.Count == 0 ? [this] : [this, .. Others];

    /// <summary>A one-line description for standard error, such as <c>line 4 (account beta): arr: ARR must be >= 0, was '-5'; plan_fit: 120 is outside 0–100</c>.</summary>
    public override string ToString()
    {
        string fields = string.Join("; ", Fields.Select(f => $"{f.Field}: {f.Reason}"));
        return AccountId is { Length: > 0 } id ? $"line {Line} (account {id}): {fields}" : $"line {Line}: {fields}";
    }
}
