namespace ExpansionScoring.Samples.AspNetCore;

/// <summary>
/// The service's limits, bound from the <c>"ScoringService"</c> section of appsettings.json and checked when the host
/// starts. A request over a limit is refused with a 413 or 400 problem-details answer before it costs memory.
/// </summary>
public sealed class ScoringServiceOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string Section = "ScoringService";

    /// <summary>Gets or sets the largest <c>application/json</c> body, in bytes. The default is 16 MiB (about 120,000 accounts).</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Gets or sets the most accounts in one <c>application/json</c> array. The default is 100,000; send more as <c>application/x-ndjson</c>.</summary>
    public int MaxAccountsPerBatch { get; set; } = 100_000;

    /// <summary>Gets or sets the deepest JSON nesting read. The default is 16 (an account needs 5: array, account, telemetry, trigger events, event).</summary>
    public int MaxJsonDepth { get; set; } = 16;

    /// <summary>Gets or sets the longest line of an <c>application/x-ndjson</c> body, in bytes. The default is 64 KiB.</summary>
    public int MaxNdjsonLineBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Gets or sets the largest <c>application/x-ndjson</c> body, in bytes, or <see langword="null"/> for no limit (the
    /// default): such a body is read one line at a time, so memory does not grow with it.
    /// </summary>
    public long? MaxNdjsonBodyBytes { get; set; }

    /// <summary>
    /// Gets or sets how much of a refused body, past its limit, the server reads and throws away so that a client which
    /// sends the whole body before reading the answer gets its 413 rather than a reset connection. The default is 64 MiB;
    /// a body larger still is answered and the connection closed.
    /// </summary>
    public long MaxDrainBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Gets or sets the most bad lines an <c>application/x-ndjson</c> portfolio lists; the rest are counted. The default is 100.</summary>
    public int MaxListedErrors { get; set; } = 100;

    /// <summary>Lists every option out of range, as "ScoringService:Name must be …".</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Check(MaxRequestBodyBytes >= 1024, nameof(MaxRequestBodyBytes), ">= 1024", MaxRequestBodyBytes);
        Check(MaxAccountsPerBatch >= 1, nameof(MaxAccountsPerBatch), ">= 1", MaxAccountsPerBatch);
        Check(MaxJsonDepth is >= 5 and <= 256, nameof(MaxJsonDepth), "in 5..256", MaxJsonDepth);
        Check(MaxNdjsonLineBytes >= 1024, nameof(MaxNdjsonLineBytes), ">= 1024", MaxNdjsonLineBytes);
        Check(MaxNdjsonBodyBytes is null or >= 1024, nameof(MaxNdjsonBodyBytes), ">= 1024 or absent", MaxNdjsonBodyBytes ?? 0);
        Check(MaxDrainBytes >= 0, nameof(MaxDrainBytes), ">= 0", MaxDrainBytes);
        Check(MaxListedErrors >= 1, nameof(MaxListedErrors), ">= 1", MaxListedErrors);
        return problems;

        void Check(bool ok, string name, string expected, long value)
        {
            if (!ok)
            {
                problems.Add($"{Section}:{name} must be {expected}, was {value}.");
            }
        }
    }
}
