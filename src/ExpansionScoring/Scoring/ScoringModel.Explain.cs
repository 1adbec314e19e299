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
        var gateChecks = GateChecksOf(account, score);
        string rationale = score.IsGated
            ? "Gated — not pitched while " + string.Join("; ", gateChecks.Where(g => g.Status == GateStatus.Blocked).Select(g => g.Detail))
            : score.FiredRuleIndex >= 0 ? rules[score.FiredRuleIndex].Explain(args) : "No rule fired — nurture";

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
            Check(GateFlags.Health, g.HealthEnabled, score, "health gate is off", "no health score: health gate not evaluated",
                Invariant($"health score {account.HealthScore:0.#} is below {g.MinHealthScore:0.#}"),
                Invariant($"health score {account.HealthScore:0.#} is at least {g.MinHealthScore:0.#}")),
            Check(GateFlags.SupportTickets, g.SupportTicketsEnabled, score, "support-ticket gate is off", "no support-ticket count: support gate not evaluated",
                Invariant($"{account.OpenP1P2Tickets} open P1/P2 ticket(s), at most {g.MaxOpenP1P2Tickets} allowed"),
                Invariant($"{account.OpenP1P2Tickets} open P1/P2 ticket(s)")),
            Check(GateFlags.Tenure, g.TenureEnabled, score, "tenure gate is off", "no contract start date: tenure gate not evaluated",
                Invariant($"tenure since {account.ContractStartDate:yyyy-MM-dd} is under {g.MinTenureMonths} months"),
                Invariant($"tenure since {account.ContractStartDate:yyyy-MM-dd} is at least {g.MinTenureMonths} months")),
        ];

        static GateCheck Check(GateFlags gate, bool enabled, in AccountScore score, string off, string notEvaluated, string blocked, string passed)
            => !enabled ? new GateCheck { Gate = gate, Status = GateStatus.Disabled, Detail = off }
                : (score.GatesNotEvaluated & gate) != 0 ? new GateCheck { Gate = gate, Status = GateStatus.NotEvaluated, Detail = notEvaluated }
                : (score.GatesBlocked & gate) != 0 ? new GateCheck { Gate = gate, Status = GateStatus.Blocked, Detail = blocked }
                : new GateCheck { Gate = gate, Status = GateStatus.Passed, Detail = passed };
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

    /// <summary>Says which fact of the window rule decided the computed window, and what an override did to it.</summary>
    private string WindowReason(Account account, DateOnly asOf, in AccountScore score, ReadOnlySpan<double> values)
    {
        string computed = windowRule.Describe(score.WindowFact, score.Band.Name, triggersSlot >= 0 ? values[triggersSlot] : double.NaN, account.GetDaysToRenewal(asOf));

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
