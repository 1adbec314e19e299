using ExpansionScoring.Cli.Input;

namespace ExpansionScoring.Cli.Output;

/// <summary>Writes scored accounts as they come (streaming), then whatever the format adds at the end.</summary>
internal interface IResultWriter : IDisposable
{
    /// <summary>Gets a value indicating whether <see cref="Complete"/> needs the rejected rows (only the JSON document lists them).</summary>
    bool ListsRejections { get; }

    void WriteAccount(ScoredAccount account);

    /// <summary>Writes one account with the values of the <c>--keep</c> columns, in the order the writer was given them.</summary>
    void WriteAccount(ScoredAccount account, IReadOnlyList<string?> kept) => WriteAccount(account);

    void Complete(RunSummary summary, IReadOnlyList<Rejection> rejections);
}

/// <summary>What a run did: data rows found, scored and rejected, as of which date and with which preset, and the blank and footer lines skipped.</summary>
internal sealed record RunSummary(long Rows, long Scored, long Rejected, DateOnly AsOf, string Preset)
{
    /// <summary>Gets the blank rows and footer lines skipped (not data rows).</summary>
    public long Skipped { get; init; }
}
