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
        double[] weights = segmentWeights[seg];
        double[] normalised = segmentWeightsNormalised[seg];

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

        var contributions = new List<SignalContribution>(slotKeys.Length);
        var missing = new List<string>();
        for (int i = 0; i < slotKeys.Length; i++)
        {
            bool present = !double.IsNaN(values[i]);
            bool counted = weights[i] > 0 && (present || MissingSignalPolicy == MissingSignalPolicy.TreatAsZero || pointsSum);
            double effective = counted && countedWeight > 0 ? weights[i] / countedWeight : 0;
            if (!present && weights[i] > 0)
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
                EffectiveWeight = effective,
                Contribution = present ? effective * values[i] : 0,
            });
        }

        var args = Arguments(account, asOf, values, score.Composite, score.Probability, out _);
        string label = OfferLabel(score, args);
        string rationale;
        if (score.IsGated)
        {
            rationale = "Gated — not pitched while " + string.Join("; ", GateChecks(account, asOf).Where(g => g.Status == GateStatus.Blocked).Select(g => g.Detail));
        }
        else
        {
            // The rule that fired is the first that matches, as in Finish; rule names need not be unique
            // (a code rule may share a name with a data rule), so it is not looked up by name.
            IOfferRule? rule = null;
            foreach (var r in rules)
            {
                if (r.Matches(args))
                {
                    rule = r;
                    break;
                }
            }

            rationale = rule is null ? "No rule fired — nurture" : rule.Explain(args);
        }

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
            EffectiveWindow = score.EffectiveWindow,
            WindowReason = WindowReason(account, asOf, score, values),
            IsGated = score.IsGated,
            Gates = GateChecks(account, asOf),
            Confidence = score.Confidence,
            MissingSignalPolicy = MissingSignalPolicy,
            Signals = contributions,
            LoudestSignal = score.LoudestSignal.IsDefault ? null : score.LoudestSignal.Name,
            MissingSignals = missing,
        };
    }

    /// <summary>Evaluates the gates for one account (SPEC §8).</summary>
    /// <param name="account">The account.</param>
    /// <param name="asOf">The date to score as of.</param>
    /// <returns>One check per gate: health, support tickets, tenure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<GateCheck> GateChecks(Account account, DateOnly asOf)
    {
        Guard.NotNull(account);
        var checks = new List<GateCheck>(3);
        var g = gates;
        checks.Add(!g.HealthEnabled
            ? new GateCheck { Gate = GateFlags.Health, Status = GateStatus.Disabled, Detail = "health gate is off" }
            : account.HealthScore is not { } health
                ? new GateCheck { Gate = GateFlags.Health, Status = GateStatus.NotEvaluated, Detail = "no health score: health gate not evaluated" }
                : health < g.MinHealthScore
                    ? new GateCheck { Gate = GateFlags.Health, Status = GateStatus.Blocked, Detail = Invariant($"health score {health:0.#} is below {g.MinHealthScore:0.#}") }
                    : new GateCheck { Gate = GateFlags.Health, Status = GateStatus.Passed, Detail = Invariant($"health score {health:0.#} is at least {g.MinHealthScore:0.#}") });
        checks.Add(!g.SupportTicketsEnabled
            ? new GateCheck { Gate = GateFlags.SupportTickets, Status = GateStatus.Disabled, Detail = "support-ticket gate is off" }
            : account.OpenP1P2Tickets is not { } tickets
                ? new GateCheck { Gate = GateFlags.SupportTickets, Status = GateStatus.NotEvaluated, Detail = "no support-ticket count: support gate not evaluated" }
                : tickets > g.MaxOpenP1P2Tickets
                    ? new GateCheck { Gate = GateFlags.SupportTickets, Status = GateStatus.Blocked, Detail = Invariant($"{tickets} open P1/P2 ticket(s), at most {g.MaxOpenP1P2Tickets} allowed") }
                    : new GateCheck { Gate = GateFlags.SupportTickets, Status = GateStatus.Passed, Detail = Invariant($"{tickets} open P1/P2 ticket(s)") });
        checks.Add(!g.TenureEnabled
            ? new GateCheck { Gate = GateFlags.Tenure, Status = GateStatus.Disabled, Detail = "tenure gate is off" }
            : account.ContractStartDate is not { } start
                ? new GateCheck { Gate = GateFlags.Tenure, Status = GateStatus.NotEvaluated, Detail = "no contract start date: tenure gate not evaluated" }
                : start.AddMonths(g.MinTenureMonths) > asOf
                    ? new GateCheck { Gate = GateFlags.Tenure, Status = GateStatus.Blocked, Detail = Invariant($"tenure since {start:yyyy-MM-dd} is under {g.MinTenureMonths} months") }
                    : new GateCheck { Gate = GateFlags.Tenure, Status = GateStatus.Passed, Detail = Invariant($"tenure since {start:yyyy-MM-dd} is at least {g.MinTenureMonths} months") });
        return checks;
    }

    /// <summary>Builds the offer label for a score whose signal values have already been read.</summary>
    internal string OfferLabel(in AccountScore score, DateOnly asOf, ReadOnlySpan<double> values)
        => OfferLabel(score, Arguments(score.Account, asOf, values, score.Composite, score.Probability, out _));


    /// <summary>Builds the offer label for a score, such as "Add 28 seats" or "Upgrade Pro → Enterprise".</summary>
    internal string OfferLabel(in AccountScore score, in OfferRuleArguments args) => score.Offer switch
    {
        OfferKind.Seats => score.SeatsToAdd is { } n and > 0 ? Invariant($"Add {n} seats") : "Add seats",
        OfferKind.Tier => args.NextPlan is { } next
            ? $"Upgrade {args.Account.Plan} → {next}"
            : args.Account.Plan is { } plan && IndexOfPlan(plan) == planLadder.Length - 1 ? $"Expand {plan} (top of plan ladder)" : "Upgrade to the next plan",
        OfferKind.AddOn => "Add-on package",
        OfferKind.MultiYear => "Multi-year renewal",
        _ => score.IsGated ? "Nurture — gated" : "Nurture — no offer yet",
    };

    private string WindowReason(Account account, DateOnly asOf, in AccountScore score, ReadOnlySpan<double> values)
    {
        string computed;
        if (score.IsGated)
        {
            computed = "gated — nurture until the guardrail clears";
        }
        else
        {
            double triggers = triggersSlot >= 0 ? values[triggersSlot] : double.NaN;
            int? days = account.GetDaysToRenewal(asOf);
            computed = score.Window switch
            {
                PitchWindow.Now => Invariant($"{score.Band.Name} with Triggers {triggers:0.#} ≥ {nowMinTriggers:0.#} — pitch this week"),
                PitchWindow.Next30Days when (next30Mask & (1 << score.BandIndex)) != 0 => $"{score.Band.Name} — pitch within 30 days",
                PitchWindow.Next30Days => Invariant($"{score.Band.Name} with renewal in {days} days (≤ {next30MaxDays}) — pitch within 30 days"),
                PitchWindow.Next60Days => $"{score.Band.Name} — pitch within 60 days",
                _ => $"{score.Band.Name} — nurture",
            };
        }

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
