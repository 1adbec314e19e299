using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
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

/// <content>Explanations (SPEC §9): the outcome of the one evaluation in <see cref="Finish"/>, formatted.</content>
public sealed partial class ScoringModel
{
    /// <summary>Scores one account and explains the result (SPEC §9).</summary>
    /// <param name="account">The account.</param>
    /// <param name="asOf">The date to score as of.</param>
    /// <returns>The explained result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is <see langword="null"/>.</exception>
    public ScoredAccount Explain(Account account, DateOnly asOf)
    {
        Guard.NotNull(account);
        double[] fields = new double[slotKeys.Length + ConditionOfferRule.FactCount];
        var sources = new SignalSource[slotKeys.Length];
        var reasons = new string?[slotKeys.Length];
        ReadSignals(account, asOf, fields, sources, reasons);
        var score = Finish(account, asOf, fields);
        ReadOnlySpan<double> values = fields.AsSpan(0, slotKeys.Length);
        int seg = (int)account.Segment;
        double[] normalised = segmentWeightsNormalised[seg];

        Span<double> effective = stackalloc double[slotKeys.Length];
        Span<double> points = stackalloc double[slotKeys.Length];
        Contributions(account.Segment, values, effective, points);
        var contributions = new List<SignalContribution>(slotKeys.Length);
        var missing = new List<string>();
        for (int i = 0; i < slotKeys.Length; i++)
        {
            bool present = !double.IsNaN(values[i]);
            if (IsMissing(seg, i, values))
            {
                missing.Add(slotKeys[i].Name);
            }

            contributions.Add(new SignalContribution
            {
                Signal = slotKeys[i].Name,
                Value = present ? values[i] : null,
                Source = sources[i],
                MissingReason = reasons[i],
                Weight = normalised[i],
                EffectiveWeight = effective[i],
                Contribution = points[i],
            });
        }

        var args = Arguments(account, asOf, values, score.Composite, score.Probability, out _);
        string label = OfferLabel(score, args);
        var gateChecks = GateChecksOf(account, score);
        string rationale = Rationale(new StringBuilder(), account, args, score.GatesBlocked, score.FiredRuleIndex).ToString();

        return new ScoredAccount
        {
            AccountId = account.Id,
            Name = account.DisplayName,
            Segment = account.Segment,
            Plan = account.Plan,
            Arr = account.Arr,
            Preset = score.Preset.Name,
            Composite = score.Composite,
            RawScore = score.RawScore,
            Probability = score.Probability,
            Band = score.Band.Name,
            Offer = score.Offer,
            OfferRule = score.OfferRule,
            OfferLabel = label,
            Rationale = rationale,
            Opportunity = score.Opportunity,
            SeatsToAdd = score.SeatsToAdd,
            Window = score.Window,
            WindowOverride = account.WindowOverride,
            IsWindowOverridden = score.IsWindowOverridden,
            EffectiveWindow = score.EffectiveWindow,
            WindowReason = WindowReason(account, asOf, score, values),
            IsGated = score.IsGated,
            Gates = gateChecks,
            Confidence = score.Confidence,
            MissingSignalPolicy = MissingSignalPolicy,
            Signals = contributions,
            LoudestSignal = score.LoudestSignal.IsDefault ? null : score.LoudestSignal.Name,
            MissingSignals = missing,
        };
    }

    /// <summary>
    /// Explains an account the batch path has already scored, from its results, into <paramref name="into"/>: the
    /// signal values read as <see cref="Explain(Account, DateOnly)"/> reads them, each signal's contribution, and the
    /// offer label, rationale and window reason in the same words, taken from the rule, gates and band the batch path
    /// recorded in <paramref name="outcome"/> instead of evaluating them again. For writers that format only what they
    /// write (the tool's default CSV).
    /// </summary>
    /// <param name="account">The account as the batch path's columns hold it.</param>
    /// <param name="asOf">The date it was scored as of.</param>
    /// <param name="composite">Its composite from the batch path.</param>
    /// <param name="probability">Its probability from the batch path.</param>
    /// <param name="outcome">Its outcome from the batch path.</param>
    /// <param name="into">Where to write the explanation; everything in it is replaced.</param>
    internal void ExplainScored(Account account, DateOnly asOf, double composite, double probability, ScoreOutcome outcome, ScoredTexts into)
    {
        int seg = (int)account.Segment;
        Span<double> values = into.Values;
        ReadSignals(account, asOf, values);
        Contributions(account.Segment, values, into.EffectiveWeights, into.Contributions);
        for (int i = 0; i < values.Length; i++)
        {
            into.Missing[i] = IsMissing(seg, i, values);
        }

        into.LoudestSlot = LoudestSlot(seg, values);
        var args = Arguments(account, asOf, values, composite, probability, out int seatsToAdd);
        into.SeatsToAdd = seatsToAdd;
        into.Preset = segmentPresets[seg].Name;
        into.OfferLabel.Clear();
        into.Rationale.Clear();
        into.WindowReason.Clear();
        bool gated = outcome.IsGated;
        OfferLabel(into.OfferLabel, outcome.Offer, gated, seatsToAdd, args);
        Rationale(into.Rationale, account, args, outcome.GatesBlocked, outcome.OfferRuleIndex);
        int? days = account.GetDaysToRenewal(asOf);
        var fact = windowRule.Decide(gated, outcome.BandIndex, TriggersOf(values), days is { } d ? d : double.NaN);
        windowRule.Describe(into.WindowReason, fact, bands[outcome.BandIndex].Name, TriggersOf(values), days);
    }

    /// <summary>Evaluates the gates for one account (SPEC §8): the account is scored and its gates' outcome described.</summary>
    /// <param name="account">The account.</param>
    /// <param name="asOf">The date to score as of.</param>
    /// <returns>One check per gate: health, support tickets, tenure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<GateCheck> GateChecks(Account account, DateOnly asOf)
    {
        Guard.NotNull(account);
        return GateChecksOf(account, Score(account, asOf));
    }

    /// <summary>Describes each gate's outcome in <paramref name="score"/>: which gates the evaluation found blocked or could not evaluate.</summary>
    private List<GateCheck> GateChecksOf(Account account, in AccountScore score)
    {
        var g = gates;
        return
        [
            Check(GateFlags.Health, g.HealthEnabled, score, account),
            Check(GateFlags.SupportTickets, g.SupportTicketsEnabled, score, account),
            Check(GateFlags.Tenure, g.TenureEnabled, score, account),
        ];

        GateCheck Check(GateFlags gate, bool enabled, in AccountScore score, Account account)
        {
            var status = !enabled ? GateStatus.Disabled
                : (score.GatesNotEvaluated & gate) != 0 ? GateStatus.NotEvaluated
                : (score.GatesBlocked & gate) != 0 ? GateStatus.Blocked
                : GateStatus.Passed;
            return new GateCheck { Gate = gate, Status = status, Detail = GateDetail(new StringBuilder(), gate, status, account).ToString() };
        }
    }

    /// <summary>Appends one gate's outcome in words, such as "health score 45 is below 60": the one place these words are written.</summary>
    private StringBuilder GateDetail(StringBuilder text, GateFlags gate, GateStatus status, Account account)
    {
        var g = gates;
        var invariant = CultureInfo.InvariantCulture;
        return (gate, status) switch
        {
            (GateFlags.Health, GateStatus.Disabled) => text.Append("health gate is off"),
            (GateFlags.Health, GateStatus.NotEvaluated) => text.Append("no health score: health gate not evaluated"),
            (GateFlags.Health, GateStatus.Blocked) => text.Append("health score ").AppendOneDecimal(account.HealthScore).Append(" is below ").AppendOneDecimal(g.MinHealthScore),
            (GateFlags.Health, _) => text.Append("health score ").AppendOneDecimal(account.HealthScore).Append(" is at least ").AppendOneDecimal(g.MinHealthScore),
            (GateFlags.SupportTickets, GateStatus.Disabled) => text.Append("support-ticket gate is off"),
            (GateFlags.SupportTickets, GateStatus.NotEvaluated) => text.Append("no support-ticket count: support gate not evaluated"),
            (GateFlags.SupportTickets, GateStatus.Blocked) => text.AppendInvariant(account.OpenP1P2Tickets).Append(" open P1/P2 ticket(s), at most ").AppendInvariant(g.MaxOpenP1P2Tickets).Append(" allowed"),
            (GateFlags.SupportTickets, _) => text.AppendInvariant(account.OpenP1P2Tickets).Append(" open P1/P2 ticket(s)"),
            (_, GateStatus.Disabled) => text.Append("tenure gate is off"),
            (_, GateStatus.NotEvaluated) => text.Append("no contract start date: tenure gate not evaluated"),
            (_, GateStatus.Blocked) => text.Append(invariant, $"tenure since {account.ContractStartDate:yyyy-MM-dd} is under {g.MinTenureMonths} months"),
            _ => text.Append(invariant, $"tenure since {account.ContractStartDate:yyyy-MM-dd} is at least {g.MinTenureMonths} months"),
        };
    }

    /// <summary>Appends the one-line rationale: the blocking gates, the rule that fired in its own words, or that none did.</summary>
    private StringBuilder Rationale(StringBuilder text, Account account, in OfferRuleArguments args, GateFlags blocked, int fired)
    {
        if (blocked != GateFlags.None)
        {
            text.Append("Gated — not pitched while ");
            bool first = true;
            foreach (var gate in (ReadOnlySpan<GateFlags>)[GateFlags.Health, GateFlags.SupportTickets, GateFlags.Tenure])
            {
                if ((blocked & gate) != 0)
                {
                    if (!first)
                    {
                        text.Append("; ");
                    }

                    GateDetail(text, gate, GateStatus.Blocked, account);
                    first = false;
                }
            }

            return text;
        }

        return fired < 0 ? text.Append("No rule fired — nurture")
            : conditionRules[fired] is { } rule ? rule.Explain(args, text)
            : text.Append(rules[fired].Explain(args));
    }

    /// <summary>
    /// Each signal's effective weight after the missing-signal policy (summing to 1 over what counted) and the points it
    /// contributed, by slot, for an account of <paramref name="segment"/> with <paramref name="values"/> read.
    /// </summary>
    private void Contributions(Segment segment, ReadOnlySpan<double> values, Span<double> effective, Span<double> points)
    {
        double[] weights = segmentWeights[(int)segment];
        double countedWeight = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (weights[i] > 0 && (!double.IsNaN(values[i]) || MissingSignalPolicy == MissingSignalPolicy.TreatAsZero))
            {
                countedWeight += weights[i];
            }
        }

        // A points sum adds raw points: each weight multiplies its signal as given.
        if (pointsSum)
        {
            countedWeight = 1;
        }

        for (int i = 0; i < values.Length; i++)
        {
            bool present = !double.IsNaN(values[i]);
            bool counted = weights[i] > 0 && (present || MissingSignalPolicy == MissingSignalPolicy.TreatAsZero || pointsSum);
            effective[i] = counted && countedWeight > 0 ? weights[i] / countedWeight : 0;
            points[i] = present ? effective[i] * values[i] : 0;
        }
    }

    /// <summary>
    /// The slot of the signal contributing the most points (the first of equals), −1 when no weighted signal is present:
    /// as <see cref="Finish"/> finds it while it scores.
    /// </summary>
    private int LoudestSlot(int seg, ReadOnlySpan<double> values)
    {
        double[] weights = segmentWeights[seg];
        double loudestPoints = double.NegativeInfinity;
        int loudest = -1;
        for (int i = 0; i < weights.Length; i++)
        {
            double w = weights[i];
            if (w <= 0 || double.IsNaN(values[i]))
            {
                continue;
            }

            double points = w * values[i];
            if (points > loudestPoints)
            {
                loudestPoints = points;
                loudest = i;
            }
        }

        return loudest;
    }

    private double TriggersOf(ReadOnlySpan<double> values) => triggersSlot >= 0 ? values[triggersSlot] : double.NaN;

    /// <summary>Whether slot <paramref name="slot"/> is a weighted signal missing for an account of segment <paramref name="seg"/>.</summary>
    private bool IsMissing(int seg, int slot, ReadOnlySpan<double> values) => double.IsNaN(values[slot]) && segmentWeights[seg][slot] > 0;

    /// <summary>Builds the offer label for a score whose signal values have already been read.</summary>
    internal string OfferLabel(in AccountScore score, DateOnly asOf, ReadOnlySpan<double> values)
        => OfferLabel(score, Arguments(score.Account, asOf, values, score.Composite, score.Probability, out _));


    /// <summary>Builds the offer label for a score, such as "Add 28 seats" or "Upgrade Pro → Enterprise".</summary>
    internal string OfferLabel(in AccountScore score, in OfferRuleArguments args)
        => OfferLabel(new StringBuilder(), score.Offer, score.IsGated, score.SeatsToAdd ?? -1, args).ToString();

    /// <summary>Appends the offer label: the one place its words are written.</summary>
    private StringBuilder OfferLabel(StringBuilder text, OfferKind offer, bool gated, int seatsToAdd, in OfferRuleArguments args) => offer switch
    {
        OfferKind.Seats => seatsToAdd > 0 ? text.Append("Add ").AppendInvariant(seatsToAdd).Append(" seats") : text.Append("Add seats"),
        OfferKind.Tier => args.NextPlan is { } next
            ? text.Append("Upgrade ").Append(args.Account.Plan).Append(" → ").Append(next)
            : args.Account.Plan is { } plan && IndexOfPlan(plan) == planLadder.Length - 1 ? text.Append("Expand ").Append(plan).Append(" (top of plan ladder)") : text.Append("Upgrade to the next plan"),
        OfferKind.AddOn => text.Append("Add-on package"),
        OfferKind.MultiYear => text.Append("Multi-year renewal"),
        _ => text.Append(gated ? "Nurture — gated" : "Nurture — no offer yet"),
    };

    /// <summary>Says which fact of the window rule decided the computed window, and what an override did to it.</summary>
    private string WindowReason(Account account, DateOnly asOf, in AccountScore score, ReadOnlySpan<double> values)
    {
        string computed = windowRule.Describe(score.WindowFact, score.Band.Name, TriggersOf(values), account.GetDaysToRenewal(asOf));

        if (account.WindowOverride is { } o)
        {
            string by = o.Author is null ? string.Empty : $" by {o.Author}";
            return score.IsWindowOverridden
                ? $"overridden to {o.Window}{by}: {o.Reason} (computed: {score.Window}, {computed})"
                : Invariant($"{computed} (override to {o.Window} expired on {o.ExpiresOn:yyyy-MM-dd})");
        }

        return computed;
    }
}
