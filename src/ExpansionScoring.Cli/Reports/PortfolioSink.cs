using ExpansionScoring.Cli.Commands;
using ExpansionScoring.Cli.Output;

namespace ExpansionScoring.Cli.Reports;

/// <summary>
/// <c>portfolio</c> on the batch path: each scored chunk goes into the <see cref="PortfolioAccumulator"/> from its
/// outcome columns (mergeable sums, the top offers and the report card's tallies), with no account scored twice
/// except the few that enter the top offers.
/// </summary>
internal sealed class PortfolioSink(PortfolioAccumulator accumulator) : IScoredSink
{
    public void Write(CompactScoreRun.Chunk chunk)
        => accumulator.Add(chunk.Accounts.Columns, chunk.Results(chunk.Count), chunk.AccountAt);

    public bool Keeps => false;

    public void Write(in AccountScore score, IReadOnlyList<string?>? kept) => accumulator.Add(score);

    public void Flush()
    {
    }
}
