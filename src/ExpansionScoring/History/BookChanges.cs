using ExpansionScoring.Internal;
using ExpansionScoring.Signals;

namespace ExpansionScoring.History;

/// <summary>
/// What changed between two scored snapshots of the same book, keyed by account id: per account the probability change
/// split over the signals that caused it, band promotions and demotions, offer and window changes, new trigger events
/// and accounts that just became Hot; for the book, the pipeline change split into accounts added, removed and re-scored;
/// and for every account below Hot the smallest single-signal increase that lifts it a band. Immutable.
/// </summary>
public sealed class BookChanges
{
    /// <summary>Gets the earlier snapshot's as-of date.</summary>
    public DateOnly EarlierAsOf { get; init; }

    /// <summary>Gets the later snapshot's as-of date.</summary>
    public DateOnly LaterAsOf { get; init; }

    /// <summary>Gets the earlier pipeline.</summary>
    public double PipelineBefore { get; init; }

    /// <summary>Gets the later pipeline.</summary>
    public double PipelineAfter { get; init; }

    /// <summary>Gets the pipeline change: <see cref="PipelineFromAdded"/> + <see cref="PipelineFromRemoved"/> + <see cref="PipelineFromRescored"/>.</summary>
    public double PipelineChange { get; init; }

    /// <summary>Gets the pipeline brought by accounts only in the later snapshot.</summary>
    public double PipelineFromAdded { get; init; }

    /// <summary>Gets the pipeline lost with accounts only in the earlier snapshot (zero or negative).</summary>
    public double PipelineFromRemoved { get; init; }

    /// <summary>Gets the pipeline change of accounts in both snapshots, re-scored.</summary>
    public double PipelineFromRescored { get; init; }

    /// <summary>Gets the ids of accounts only in the later snapshot, ordinal order.</summary>
    public required IReadOnlyList<string> Added { get; init; }

    /// <summary>Gets the ids of accounts only in the earlier snapshot, ordinal order.</summary>
    public required IReadOnlyList<string> Removed { get; init; }

    /// <summary>Gets every account in both snapshots, by account id (ordinal).</summary>
    public required IReadOnlyList<AccountChange> Accounts { get; init; }

    /// <summary>Gets the ids of accounts that moved to a higher band.</summary>
    public required IReadOnlyList<string> Promoted { get; init; }

    /// <summary>Gets the ids of accounts that moved to a lower band.</summary>
    public required IReadOnlyList<string> Demoted { get; init; }

    /// <summary>Gets the ids of accounts that entered the top band (Hot) since the earlier snapshot, including added accounts that arrive Hot.</summary>
    public required IReadOnlyList<string> BecameHot { get; init; }

    /// <summary>
    /// Gets, for every account below the top band in the later snapshot, the smallest single-signal increase that lifts it
    /// a band; empty when <see cref="HistoryOptions.IncludeNextBandLifts"/> is off.
    /// </summary>
    public required IReadOnlyList<NextBandLift> NextBandLifts { get; init; }

    /// <summary>Compares two snapshots of a book.</summary>
    /// <param name="earlier">The earlier snapshot.</param>
    /// <param name="later">The later snapshot.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The changes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="earlier"/> or <paramref name="later"/> is <see langword="null"/>.</exception>
    /// <exception cref="ScoringConfigurationException">The options are invalid.</exception>
    public static BookChanges Compare(BookSnapshot earlier, BookSnapshot later, HistoryOptions? options = null)
    {
        Guard.NotNull(earlier);
        Guard.NotNull(later);
        options ??= new HistoryOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ScoringConfigurationException(errors);
        }

        var added = new List<string>();
        var removed = new List<string>();
        var accounts = new List<AccountChange>();
        ExactSum fromAdded = default, fromRemoved = default, rescoredBefore = default, rescoredAfter = default;
        foreach (var (id, after) in later.Entries)
        {
            if (!earlier.TryGetEntry(id, out var before))
            {
                added.Add(id);
                fromAdded.Add(after.Score.Opportunity);
                continue;
            }

            rescoredBefore.Add(before.Score.Opportunity);
            rescoredAfter.Add(after.Score.Opportunity);
            accounts.Add(Change(earlier, before, later, after, options.MaxShapleySignals));
        }

        foreach (var (id, before) in earlier.Entries)
        {
            if (!later.TryGetEntry(id, out _))
            {
                removed.Add(id);
                fromRemoved.Add(before.Score.Opportunity);
            }
        }

        added.Sort(StringComparer.Ordinal);
        removed.Sort(StringComparer.Ordinal);
        accounts.Sort((a, b) => string.CompareOrdinal(a.AccountId, b.AccountId));
        var becameHot = accounts.Where(a => a.BecameHot).Select(a => a.AccountId)
            .Concat(added.Where(id => later.TryGetEntry(id, out var e) && e.Score.BandIndex == 0))
            .Order(StringComparer.Ordinal).ToList();

        return new BookChanges
        {
            EarlierAsOf = earlier.AsOf,
            LaterAsOf = later.AsOf,
            PipelineBefore = earlier.Pipeline,
            PipelineAfter = later.Pipeline,
            PipelineChange = (later.PipelineSum - earlier.PipelineSum).Value,
            PipelineFromAdded = fromAdded.Value,
            PipelineFromRemoved = (default(ExactSum) - fromRemoved).Value,
            PipelineFromRescored = (rescoredAfter - rescoredBefore).Value,
            Added = added,
            Removed = removed,
            Accounts = accounts,
            Promoted = [.. accounts.Where(a => a.IsPromoted).Select(a => a.AccountId)],
            Demoted = [.. accounts.Where(a => a.IsDemoted).Select(a => a.AccountId)],
            BecameHot = becameHot,
            NextBandLifts = options.IncludeNextBandLifts ? later.NextBandLifts() : [],
        };
    }

    private static AccountChange Change(BookSnapshot earlier, SnapshotEntry before, BookSnapshot later, SnapshotEntry after, int maxShapley)
    {
        var (parts, method) = Attribution.Attribute(earlier, before, later, after, maxShapley);
        var b = before.Score;
        var a = after.Score;
        return new AccountChange
        {
            AccountId = a.Account.Id,
            Name = a.Account.DisplayName,
            ProbabilityBefore = b.Probability,
            ProbabilityAfter = a.Probability,
            Attributions = parts,
            Method = method,
            Summary = Attribution.Summary(b.Probability, a.Probability, parts),
            BandBefore = b.Band.Name,
            BandAfter = a.Band.Name,
            BandSteps = b.BandIndex - a.BandIndex,
            BecameHot = a.BandIndex == 0 && b.BandIndex != 0,
            OfferBefore = b.Offer,
            OfferAfter = a.Offer,
            WindowBefore = b.EffectiveWindow,
            WindowAfter = a.EffectiveWindow,
            OpportunityBefore = b.Opportunity,
            OpportunityAfter = a.Opportunity,
            NewTriggerEvents = NewEvents(b.Account, a.Account, later.AsOf),
        };
    }

    private static List<TriggerEvent> NewEvents(Account before, Account after, DateOnly asOf)
    {
        var fresh = new List<TriggerEvent>();
        if (after.Telemetry?.TriggerEvents is not { Count: > 0 } events)
        {
            return fresh;
        }

        // Multiset difference: an event counts as new only as many times as it outnumbers the earlier list.
        var seen = new Dictionary<TriggerEvent, int>();
        foreach (var e in before.Telemetry?.TriggerEvents ?? [])
        {
            seen[e] = seen.GetValueOrDefault(e) + 1;
        }

        foreach (var e in events)
        {
            if (seen.TryGetValue(e, out int left) && left > 0)
            {
                seen[e] = left - 1;
            }
            else if (e.Date <= asOf)
            {
                fresh.Add(e);
            }
        }

        fresh.Sort((x, y) => x.Date != y.Date ? x.Date.CompareTo(y.Date) : x.Kind.CompareTo(y.Kind));
        return fresh;
    }
}
