using ExpansionScoring.Gates;
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
    /// <summary>Gets the earlier snapshot: its as-of date, account count and pipeline.</summary>
    public required SnapshotSummary Before { get; init; }

    /// <summary>Gets the later snapshot: its as-of date, account count and pipeline.</summary>
    public required SnapshotSummary After { get; init; }

    /// <summary>
    /// Gets the pipeline change: <see cref="PipelineFromAdded"/> + <see cref="PipelineFromRemoved"/> + <see cref="PipelineFromRescored"/>.
    /// Every amount of the bridge is an exact sum to a millionth, so before + added + removed + rescored = after holds
    /// exactly in decimal arithmetic.
    /// </summary>
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

    /// <summary>Gets the ids of accounts that moved to a higher band.</summary>
    public required IReadOnlyList<string> Promoted { get; init; }

    /// <summary>Gets the ids of accounts that moved to a lower band.</summary>
    public required IReadOnlyList<string> Demoted { get; init; }

    /// <summary>Gets the ids of accounts that entered the top band (Hot) since the earlier snapshot, including added accounts that arrive Hot.</summary>
    public required IReadOnlyList<string> BecameHot { get; init; }

    /// <summary>Gets the ids of accounts that left the top band (Hot) since the earlier snapshot, including removed accounts that were Hot.</summary>
    public required IReadOnlyList<string> LeftHot { get; init; }

    /// <summary>Gets the ids of accounts in both snapshots that were gated (a gate blocked them) and no longer are: they may be pitched again.</summary>
    public required IReadOnlyList<string> GateCleared { get; init; }

    /// <summary>Gets the ids of accounts in both snapshots that a gate blocks now and did not before.</summary>
    public required IReadOnlyList<string> GateBlocked { get; init; }

    /// <summary>
    /// Gets the band migration matrix over the accounts in both snapshots: one cell per (earlier band, later band) pair
    /// that holds an account, with the count and the opportunity before and after; ordered by earlier band then later
    /// band, highest first.
    /// </summary>
    public required IReadOnlyList<BandMigration> BandMigration { get; init; }

    /// <summary>Gets every account in both snapshots (or, after <see cref="OnlyChangedAccounts"/>, those that changed), by account id (ordinal).</summary>
    public required IReadOnlyList<AccountChange> Accounts { get; init; }

    /// <summary>
    /// Gets, for every account below the top band in the later snapshot, the smallest single-signal increase that lifts it
    /// a band; empty when <see cref="HistoryOptions.IncludeNextBandLifts"/> is off.
    /// </summary>
    public required IReadOnlyList<NextBandLift> NextBandLifts { get; init; }

    /// <summary>Gets the accounts only in the later snapshot, by id, for the plays (not serialised).</summary>
    internal IReadOnlyDictionary<string, AccountScore> AddedScores { get; init; } = new Dictionary<string, AccountScore>();

    /// <summary>Returns these changes with <see cref="Accounts"/> narrowed to the accounts that changed in any way (<see cref="AccountChange.HasChanged"/>); the book-level figures stay.</summary>
    /// <returns>The narrowed changes.</returns>
    public BookChanges OnlyChangedAccounts() => WithAccounts(a => a.HasChanged);

    /// <summary>
    /// Returns these changes with <see cref="Accounts"/> narrowed to the accounts <paramref name="keep"/> accepts (for a
    /// model-change preview, say, <see cref="AccountChange.BandOfferOrWindowChanged"/>); the book-level figures stay.
    /// </summary>
    /// <param name="keep">Whether to keep an account.</param>
    /// <returns>The narrowed changes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keep"/> is <see langword="null"/>.</exception>
    public BookChanges WithAccounts(Func<AccountChange, bool> keep) => new()
    {
        Before = Before,
        After = After,
        PipelineChange = PipelineChange,
        PipelineFromAdded = PipelineFromAdded,
        PipelineFromRemoved = PipelineFromRemoved,
        PipelineFromRescored = PipelineFromRescored,
        Added = Added,
        Removed = Removed,
        Promoted = Promoted,
        Demoted = Demoted,
        BecameHot = BecameHot,
        LeftHot = LeftHot,
        GateCleared = GateCleared,
        GateBlocked = GateBlocked,
        BandMigration = BandMigration,
        Accounts = [.. Accounts.Where(Guard.NotNull(keep))],
        NextBandLifts = NextBandLifts,
        AddedScores = AddedScores,
    };

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
        var addedScores = new Dictionary<string, AccountScore>(StringComparer.Ordinal);
        var leftHot = new List<string>();
        var becameHot = new List<string>();
        var cells = new Dictionary<(string From, string To), (int FromIndex, int ToIndex, int Count, ExactSum Before, ExactSum After)>();
        ExactSum fromAdded = default, fromRemoved = default, rescoredBefore = default, rescoredAfter = default;
        foreach (var (id, after) in later.Entries)
        {
            if (!earlier.TryGetEntry(id, out var before))
            {
                added.Add(id);
                addedScores.Add(id, after.Score);
                fromAdded.Add(after.Score.Opportunity);
                if (after.Score.BandIndex == 0)
                {
                    becameHot.Add(id);
                }

                continue;
            }

            rescoredBefore.Add(before.Score.Opportunity);
            rescoredAfter.Add(after.Score.Opportunity);
            var change = Change(earlier, before, later, after, options.MaxShapleySignals);
            accounts.Add(change);
            if (change.BecameHot)
            {
                becameHot.Add(id);
            }

            if (change.LeftHot)
            {
                leftHot.Add(id);
            }

            var key = (before.Score.Band.Name, after.Score.Band.Name);
            var cell = cells.GetValueOrDefault(key, (before.Score.BandIndex, after.Score.BandIndex, 0, default, default));
            cell.Before.Add(before.Score.Opportunity);
            cell.After.Add(after.Score.Opportunity);
            cells[key] = (cell.FromIndex, cell.ToIndex, cell.Count + 1, cell.Before, cell.After);
        }

        foreach (var (id, before) in earlier.Entries)
        {
            if (!later.TryGetEntry(id, out _))
            {
                removed.Add(id);
                fromRemoved.Add(before.Score.Opportunity);
                if (before.Score.BandIndex == 0)
                {
                    leftHot.Add(id);
                }
            }
        }

        added.Sort(StringComparer.Ordinal);
        removed.Sort(StringComparer.Ordinal);
        becameHot.Sort(StringComparer.Ordinal);
        leftHot.Sort(StringComparer.Ordinal);
        accounts.Sort((a, b) => string.CompareOrdinal(a.AccountId, b.AccountId));

        return new BookChanges
        {
            Before = new SnapshotSummary { AsOf = earlier.AsOf, AccountCount = earlier.Count, Pipeline = earlier.Pipeline },
            After = new SnapshotSummary { AsOf = later.AsOf, AccountCount = later.Count, Pipeline = later.Pipeline },
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
            LeftHot = leftHot,
            GateCleared = [.. accounts.Where(a => a.GateCleared).Select(a => a.AccountId)],
            GateBlocked = [.. accounts.Where(a => a.GateBlocked).Select(a => a.AccountId)],
            BandMigration =
            [
                .. cells.OrderBy(c => c.Value.FromIndex).ThenBy(c => c.Value.ToIndex)
                    .Select(c => new BandMigration
                    {
                        From = c.Key.From,
                        To = c.Key.To,
                        Count = c.Value.Count,
                        OpportunityBefore = c.Value.Before.Value,
                        OpportunityAfter = c.Value.After.Value,
                    }),
            ],
            NextBandLifts = options.IncludeNextBandLifts ? later.NextBandLifts() : [],
            AddedScores = addedScores,
        };
    }

    private static AccountChange Change(BookSnapshot earlier, SnapshotEntry before, BookSnapshot later, SnapshotEntry after, int maxShapley)
    {
        var (parts, method) = Attribution.Attribute(earlier, before, later, after, maxShapley);
        var b = before.Score;
        var a = after.Score;
        var change = new AccountChange
        {
            AccountId = a.Account.Id,
            Name = a.Account.DisplayName,
            ProbabilityBefore = b.Probability,
            ProbabilityAfter = a.Probability,
            Attributions = parts,
            Method = method,
            Summary = string.Empty,
            BandBefore = b.Band.Name,
            BandAfter = a.Band.Name,
            BandSteps = b.BandIndex - a.BandIndex,
            BecameHot = a.BandIndex == 0 && b.BandIndex != 0,
            LeftHot = b.BandIndex == 0 && a.BandIndex != 0,
            OfferBefore = b.Offer,
            OfferAfter = a.Offer,
            OfferLabelBefore = earlier.Model.OfferLabel(b, earlier.AsOf, before.Values),
            OfferLabelAfter = later.Model.OfferLabel(a, later.AsOf, after.Values),
            WindowBefore = b.EffectiveWindow,
            WindowAfter = a.EffectiveWindow,
            OpportunityBefore = b.Opportunity,
            OpportunityAfter = a.Opportunity,
            GateChanges = GateChanges(earlier, b.Account, later, a.Account),
            GateCleared = b.IsGated && !a.IsGated,
            GateBlocked = a.IsGated && !b.IsGated,
            NewTriggers = NewEvents(b.Account, a.Account, later.AsOf),
            LimitUsageBefore = LimitUsage(b.Account),
            LimitUsageAfter = LimitUsage(a.Account),
            DaysToRenewalBefore = b.Account.GetDaysToRenewal(earlier.AsOf),
            DaysToRenewalAfter = a.Account.GetDaysToRenewal(later.AsOf),
        };
        return change with { Summary = ChangeSummary.Of(change) };
    }

    private static List<GateChange> GateChanges(BookSnapshot earlier, Account before, BookSnapshot later, Account after)
    {
        var checksBefore = earlier.Model.GateChecks(before, earlier.AsOf);
        var checksAfter = later.Model.GateChecks(after, later.AsOf);
        var changes = new List<GateChange>();
        for (int i = 0; i < checksBefore.Count; i++)
        {
            var gate = checksBefore[i].Gate;
            var from = Status(checksBefore[i].Status);
            var to = Status(checksAfter.First(c => c.Gate == gate).Status);
            if (from != to)
            {
                changes.Add(new GateChange
                {
                    Gate = gate,
                    Before = from,
                    After = to,
                    ValueBefore = GateValue(gate, before, earlier.AsOf),
                    ValueAfter = GateValue(gate, after, later.AsOf),
                });
            }
        }

        return changes;
    }

    /// <summary>A gate switched off reads as not evaluated: the comparison speaks of Blocked, Passed and NotEvaluated only.</summary>
    private static GateStatus Status(GateStatus status) => status == GateStatus.Disabled ? GateStatus.NotEvaluated : status;

    private static double? GateValue(GateFlags gate, Account account, DateOnly asOf) => gate switch
    {
        GateFlags.Health => account.HealthScore,
        GateFlags.SupportTickets => account.OpenP1P2Tickets,
        _ => account.ContractStartDate is { } start ? WholeMonths(start, asOf) : null,
    };

    private static int WholeMonths(DateOnly start, DateOnly asOf)
    {
        int months = ((asOf.Year - start.Year) * 12) + asOf.Month - start.Month;
        if (months > 0 && start.AddMonths(months) > asOf)
        {
            months--;
        }

        return Math.Max(0, months);
    }

    private static double? LimitUsage(Account account)
    {
        double? seats = account.GetSeatSaturation();
        double? metered = account.Telemetry?.MeteredUsageSaturation;
        return seats is { } s && metered is { } m ? Math.Max(s, m) : seats ?? metered;
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
