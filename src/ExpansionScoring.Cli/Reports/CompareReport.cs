using ExpansionScoring.History;
using ExpansionScoring.Plays;

namespace ExpansionScoring.Cli.Reports;

/// <summary>What the compare writers show: the changes (narrowed to the changed accounts unless <c>--all</c>), the tasks, where each side came from, and how many top movers to feature.</summary>
internal sealed record CompareReport(BookChanges Changes, IReadOnlyList<PlayTask> Tasks, string BeforeSource, string AfterSource, int TopMovers)
{
    /// <summary>The accounts that moved the most: by the size of their opportunity change, then of their probability change, then id.</summary>
    public IReadOnlyList<AccountChange> Movers { get; } =
    [
        .. Changes.Accounts.Where(a => a.HasChanged)
            .OrderByDescending(a => Math.Abs(a.OpportunityAfter - a.OpportunityBefore))
            .ThenByDescending(a => Math.Abs(a.ProbabilityChange))
            .ThenBy(a => a.AccountId, StringComparer.Ordinal)
            .Take(TopMovers),
    ];
}
