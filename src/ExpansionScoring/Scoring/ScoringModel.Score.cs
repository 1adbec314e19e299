using System.Globalization;
using System.Runtime.CompilerServices;
using ExpansionScoring.Bands;
using ExpansionScoring.Columnar;
using ExpansionScoring.Gates;
using ExpansionScoring.Internal;
using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring;

/// <content>The general engine: reading an account's signals, and every rule of SPEC §3–§8 evaluated once per account.</content>
public sealed partial class ScoringModel
{
    /// <summary>Scores one account. Allocates nothing.</summary>
    /// <param name="account">The account.</param>
    /// <param name="asOf">The date to score as of (renewal dates, trigger decay, tenure); never the system clock.</param>
    /// <returns>The compact result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is <see langword="null"/>.</exception>
    public AccountScore Score(Account account, DateOnly asOf)
    {
        Guard.NotNull(account);
        Span<double> fields = stackalloc double[slotKeys.Length + ConditionOfferRule.FactCount];
        ReadSignals(account, asOf, fields);
        return Finish(account, asOf, fields);
    }

    /// <summary>Scores a batch of accounts into a caller-provided span. Allocates nothing.</summary>
    /// <param name="accounts">The accounts.</param>
    /// <param name="asOf">The date to score as of.</param>
    /// <param name="results">Where to write the results, one per account, in order.</param>
    /// <exception cref="ArgumentException"><paramref name="results"/> is shorter than <paramref name="accounts"/>.</exception>
    /// <exception cref="ArgumentNullException">An account is <see langword="null"/>.</exception>
    public void Score(ReadOnlySpan<Account> accounts, DateOnly asOf, Span<AccountScore> results)
    {
        if (results.Length < accounts.Length)
        {
            throw new ArgumentException($"The results span holds {results.Length} items but {accounts.Length} accounts were given.", nameof(results));
        }

        Span<double> fields = stackalloc double[slotKeys.Length + ConditionOfferRule.FactCount];
        for (int i = 0; i < accounts.Length; i++)
        {
            var account = accounts[i] ?? throw new ArgumentNullException(nameof(accounts), $"The account at index {i} is null.");
            ReadSignals(account, asOf, fields);
            results[i] = Finish(account, asOf, fields);
        }
    }

    /// <summary>Scores a sequence of accounts lazily, one at a time.</summary>
    /// <param name="accounts">The accounts.</param>
    /// <param name="asOf">The date to score as of.</param>
    /// <returns>The results, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accounts"/> is <see langword="null"/>.</exception>
    public IEnumerable<AccountScore> Score(IEnumerable<Account> accounts, DateOnly asOf)
    {
        Guard.NotNull(accounts);
        return Iterate(accounts, asOf);

        IEnumerable<AccountScore> Iterate(IEnumerable<Account> source, DateOnly date)
        {
            foreach (var account in source)
            {
                yield return Score(account, date);
            }
        }
    }

    /// <summary>
    /// Reads an account's signal values into <paramref name="values"/>, one per entry of <see cref="Signals"/>,
    /// NaN where missing. For portfolio and history analytics, which need the values the score was built from.
    /// </summary>
    internal void ReadSignalValues(Account account, DateOnly asOf, Span<double> values) => ReadSignals(account, asOf, values);

    /// <summary>
    /// Reads an account's signal values into <paramref name="values"/>, one per slot, NaN where missing: the direct
    /// value unless it is stale (then missing, not replaced by a derived one), else the slot's scorer's reading
    /// clamped to 0..100. For an explanation it also records where each value came from, or why it is missing.
    /// </summary>
    private void ReadSignals(Account account, DateOnly asOf, Span<double> values, SignalSource[]? sources = null, string?[]? reasons = null)
    {
        var direct = account.Signals;
        var keys = slotKeys;
        var maxAges = maxAgeBySlot;
        for (int i = 0; i < keys.Length; i++)
        {
            if (!direct.TryGetValue(keys[i], out double v))
            {
                values[i] = Derive(i, account, asOf, sources, reasons);
            }
            else if (maxAges[i] >= 0 && direct.TryGetObservedOn(keys[i], out var observedOn) && asOf.DayNumber - observedOn.DayNumber > maxAges[i])
            {
                values[i] = double.NaN;
                if (reasons is not null)
                {
                    reasons[i] = StaleReason(observedOn, asOf, maxAges[i]);
                }
            }
            else
            {
                values[i] = v;
                if (sources is not null)
                {
                    sources[i] = SignalSource.Direct;
                }
            }
        }
    }

    /// <summary>Why a stale direct value counts as missing; kept out of <see cref="ReadSignals"/> so the scoring loop carries no formatting.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string StaleReason(DateOnly observedOn, DateOnly asOf, int maxAge)
        => Invariant($"stale: observed {observedOn:yyyy-MM-dd}, {asOf.DayNumber - observedOn.DayNumber} days before the as-of date (max {maxAge})");

    /// <summary>The slot's scorer's reading, clamped to 0..100, or NaN (with the reason, when asked) when there is none.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Derive(int slot, Account account, DateOnly asOf, SignalSource[]? sources, string?[]? reasons)
    {
        if (scorers[slot] is not { } scorer)
        {
            reasons?[slot] = "not supplied and no scorer derives it";
            return double.NaN;
        }

        var reading = scorer.Score(new SignalScorerArguments(account, asOf));
        if (reading.IsPresent && !double.IsNaN(reading.Value))
        {
            sources?[slot] = SignalSource.Derived;
            return Math.Clamp(reading.Value, 0, 100);
        }

        reasons?[slot] = reading.MissingReason ?? "scorer produced NaN";
        return double.NaN;
    }

    private OfferRuleArguments Arguments(Account account, DateOnly asOf, ReadOnlySpan<double> values, double composite, double probability, out int seatsToAdd)
    {
        double seatSaturation = SeatSaturationOf(account, values);
        double days = account.GetDaysToRenewal(asOf) is { } d ? d : double.NaN;
        seatsToAdd = SeatsToAddOf(account);
        return new OfferRuleArguments(account, asOf, values, slotOfKey, composite, probability, seatSaturation, days, planLadder, seatsToAdd);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double SeatSaturationOf(Account account, ReadOnlySpan<double> values)
        => account.GetSeatSaturation() is { } s ? s
            : seatSaturationFromPlanFit && planFitSlot >= 0 && !double.IsNaN(values[planFitSlot]) ? values[planFitSlot] / 100 : double.NaN;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SeatsToAddOf(Account account)
        => account.SeatsActive is { } active && account.SeatsPurchased is { } purchased
            ? Math.Max(0, (int)Math.Ceiling((active / seatsTarget) - Epsilon) - purchased)
            : -1;

    /// <summary>
    /// Returns <c>start.AddMonths(tenureMonths) &gt; asOf</c> without the calendar arithmetic when the answer is clear
    /// from the day count alone: adding m months moves a date by at least 28m − 3 and at most 31m days.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TenureBlocks(DateOnly start, DateOnly asOf)
    {
        if (tenureBounded)
        {
            long elapsed = (long)asOf.DayNumber - start.DayNumber;
            long months = tenureMonths;
            if (elapsed >= 31 * months)
            {
                return false;
            }

            // Only when AddMonths could not have thrown for running past DateOnly.MaxValue.
            if (elapsed < (28 * months) - 3 && start.DayNumber + (31 * months) <= DateOnly.MaxValue.DayNumber)
            {
                return true;
            }
        }

        // A tenure that would end after DateOnly.MaxValue is never reached (AddMonths would throw), as the batch kernel decides.
        int monthsToEnd = ((DateOnly.MaxValue.Year - start.Year) * 12) + DateOnly.MaxValue.Month - start.Month;
        return tenureMonths > monthsToEnd || start.AddMonths(tenureMonths) > asOf;
    }

    /// <summary>A rule written in code sees the full <see cref="OfferRuleArguments"/>; kept out of <see cref="Finish"/> so the data rules' path carries no such frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool CodeRuleMatches(IOfferRule rule, Account account, DateOnly asOf, Span<double> fields, double composite, double probability, double seatSaturation, double days, int seatsToAdd)
        => rule.Matches(new OfferRuleArguments(account, asOf, fields[..slotKeys.Length], slotOfKey, composite, probability, seatSaturation, days, planLadder, seatsToAdd));

    /// <summary>
    /// Scores from signal values already read. <paramref name="fields"/> holds the values by slot and room for
    /// <see cref="ConditionOfferRule.FactCount"/> facts after them, which this fills for the offer rules' fast path.
    /// </summary>
    private AccountScore Finish(Account account, DateOnly asOf, Span<double> fields)
    {
        int slots = slotKeys.Length;
        ReadOnlySpan<double> values = fields[..slots];
        var segment = account.Segment;
        int seg = (int)segment;
        double[] weights = segmentWeights[seg];
        bool zeroMissing = MissingSignalPolicy == MissingSignalPolicy.TreatAsZero;
        double sum = 0, sumW = 0, loudestPoints = double.NegativeInfinity, least = double.PositiveInfinity, most = double.NegativeInfinity;
        int missingCount = 0, loudest = -1;
        for (int i = 0; i < weights.Length; i++)
        {
            double w = weights[i];
            if (w <= 0)
            {
                continue;
            }

            double v = values[i];
            if (double.IsNaN(v))
            {
                missingCount++;
                if (zeroMissing)
                {
                    sumW += w;
                }

                continue;
            }

            double points = w * v;
            sum += points;
            sumW += w;
            least = Math.Min(least, v);
            most = Math.Max(most, v);
            if (points > loudestPoints)
            {
                loudestPoints = points;
                loudest = i;
            }
        }

        double raw, composite;
        if (pointsSum)
        {
            raw = sum;
            composite = Math.Clamp(100 * sum / maxPoints, 0, 100);
        }
        else
        {
            composite = WeightedComposite.Of(sum, sumW, least, most, onlyPresent: !zeroMissing || missingCount == 0);
            raw = composite;
        }

        // The default transform inlined: the same arithmetic as LinearProbabilityTransform.Transform, without the interface call.
        double probability = linearTransform ? linearIntercept + (linearSlope * composite) : transform.Transform(composite);
        probability = double.IsNaN(probability) ? 5 : Math.Clamp(probability, 5, 95);

        double bandValue = bandsFromScore ? raw : probability;
        int band = bands.Length - 1;
        for (int b = 0; b < bandMins.Length; b++)
        {
            if (AtLeast(bandValue, bandMins[b]))
            {
                band = b;
                break;
            }
        }

        // Each account fact is computed once, here, and shared by the rules, the window and the result.
        double seatSaturation = SeatSaturationOf(account, values);
        double days = account.GetDaysToRenewal(asOf) is { } d ? d : double.NaN;
        int seatsToAdd = SeatsToAddOf(account);

        var blocked = GateFlags.None;
        var notEvaluated = GateFlags.None;
        if (healthGate)
        {
            if (account.HealthScore is { } h)
            {
                blocked |= h < minHealth ? GateFlags.Health : GateFlags.None;
            }
            else
            {
                notEvaluated |= GateFlags.Health;
            }
        }

        if (ticketGate)
        {
            if (account.OpenP1P2Tickets is { } t)
            {
                blocked |= t > maxTickets ? GateFlags.SupportTickets : GateFlags.None;
            }
            else
            {
                notEvaluated |= GateFlags.SupportTickets;
            }
        }

        if (tenureGate)
        {
            if (account.ContractStartDate is { } start)
            {
                blocked |= TenureBlocks(start, asOf) ? GateFlags.Tenure : GateFlags.None;
            }
            else
            {
                notEvaluated |= GateFlags.Tenure;
            }
        }

        var offer = OfferKind.Nurture;
        string? ruleName = null;
        int fired = -1;
        if (blocked == GateFlags.None)
        {
            // Facts after the signal values, for the rules' fast path.
            ConditionOfferRule.FillFacts(fields[slots..], account, seatSaturation, days, probability, composite);
            var conditions = conditionRules;
            for (int r = 0; r < conditions.Length; r++)
            {
                bool matches = conditions[r] is { } c
                    ? c.Matches(segment, fields)
                    : CodeRuleMatches(rules[r], account, asOf, fields, composite, probability, seatSaturation, days, seatsToAdd);
                if (matches)
                {
                    var rule = rules[r];
                    offer = rule.Offer;
                    ruleName = rule.Name;
                    fired = r;
                    break;
                }
            }
        }

        double opportunity = blocked == GateFlags.None ? probability / 100 * account.Arr * multipliers[(int)offer] : 0;

        // The window (SPEC §7).
        var windowFact = windowRule.Decide(blocked != GateFlags.None, band, triggersSlot >= 0 ? values[triggersSlot] : double.NaN, days);
        var window = WindowRule.WindowOf(windowFact);

        var windowOverride = account.WindowOverride;
        bool overridden = windowOverride is not null && windowOverride.IsActiveOn(asOf);
        return new AccountScore
        {
            Account = account,
            Preset = segmentPresets[seg],
            Composite = composite,
            RawScore = raw,
            Probability = probability,
            Band = bands[band],
            BandIndex = band,
            Offer = offer,
            OfferRule = ruleName,
            Opportunity = opportunity,
            SeatsToAdd = seatsToAdd >= 0 ? seatsToAdd : null,
            Window = window,
            EffectiveWindow = overridden ? windowOverride!.Window : window,
            IsWindowOverridden = overridden,
            GatesBlocked = blocked,
            GatesNotEvaluated = notEvaluated,
            Confidence = missingCount == 0 ? Confidence.High : missingCount <= 2 ? Confidence.Medium : Confidence.Low,
            MissingSignalCount = missingCount,
            LoudestSignal = loudest >= 0 ? slotKeys[loudest] : default,
            FiredRuleIndex = fired,
            WindowFact = windowFact,
        };
    }
}
