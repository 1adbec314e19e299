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

/// <summary>
/// A compiled, validated, immutable scoring model. Build it once (with <see cref="Create"/> or a
/// <see cref="ScoringModelBuilder"/>), share it across threads and score any number of accounts.
/// Scoring one account allocates nothing; <see cref="Explain"/> adds the human-readable explanation.
/// </summary>
public sealed partial class ScoringModel
{
    private const double Epsilon = ConditionOfferRule.Epsilon;

    // DateOnly.AddMonths accepts −120,000..120,000 months; beyond that it throws whatever the date.
    private const int MaxAddMonths = 120_000;
    private static readonly int SegmentCount = Enum.GetValues<Segment>().Length;

    private readonly SignalKey[] slotKeys;
    private readonly ISignalScorer?[] scorers;
    private readonly int[] slotOfKey;
    private readonly double[][] segmentWeights;
    private readonly double[][] segmentWeightsNormalised;
    private readonly WeightPreset[] segmentPresets;
    private readonly IProbabilityTransform transform;
    private readonly BandDefinition[] bands;
    private readonly double[] bandMins;
    private readonly IOfferRule[] rules;
    private readonly double[] multipliers;
    private readonly string[] planLadder;
    private readonly double seatsTarget;
    private readonly bool seatSaturationFromPlanFit;
    private readonly int nowMask;
    private readonly int next30Mask;
    private readonly int next30RenewalMask;
    private readonly int next60Mask;
    private readonly double nowMinTriggers;
    private readonly int next30MaxDays;
    private readonly int triggersSlot;
    private readonly int planFitSlot;
    private readonly GateOptions gates;
    private readonly bool pointsSum;
    private readonly double maxPoints;
    private readonly bool bandsFromScore;
    private readonly int[] maxAgeBySlot;

    // Hot-path copies of the above, resolved once at build time.
    private readonly ConditionOfferRule?[] conditionRules;
    private readonly bool linearTransform;
    private readonly double linearIntercept;
    private readonly double linearSlope;
    private readonly bool healthGate;
    private readonly double minHealth;
    private readonly bool ticketGate;
    private readonly int maxTickets;
    private readonly bool tenureGate;
    private readonly int tenureMonths;
    private readonly bool tenureBounded;

    internal ScoringModel(ExpansionScoringOptions options, IReadOnlyList<ISignalScorer> extraScorers, IReadOnlyList<(IOfferRule Rule, int? Priority)> codeRules, IProbabilityTransform? transform, IReadOnlyDictionary<string, WeightPreset> codePresets)
    {
        var known = ModelCompiler.KnownSignals(options, extraScorers.Select(s => s.Key), errors: null);
        slotKeys = [.. known];
        slotOfKey = new int[slotKeys.Max(k => k.Id) + 1];
        Array.Fill(slotOfKey, -1);
        scorers = new ISignalScorer?[slotKeys.Length];
        for (int i = 0; i < slotKeys.Length; i++)
        {
            slotOfKey[slotKeys[i].Id] = i;
            if (slotKeys[i].IsBuiltIn)
            {
                scorers[i] = DefaultSignalScorers.All[slotKeys[i].Id];
            }
        }

        foreach (var data in options.Scorers ?? [])
        {
            scorers[slotOfKey[SignalKey.Of(data.Signal).Id]] = data.ToScorer();
        }

        foreach (var s in extraScorers)
        {
            scorers[slotOfKey[s.Key.Id]] = s;
        }

        maxAgeBySlot = new int[slotKeys.Length];
        for (int i = 0; i < slotKeys.Length; i++)
        {
            maxAgeBySlot[i] = options.SignalMaxAgeDays is { } ages && ages.TryGetValue(slotKeys[i].Name, out int days) ? days : options.MaxSignalAgeDays ?? -1;
        }

        pointsSum = options.Aggregation == AggregationKind.PointsSum;
        maxPoints = options.MaxPoints;
        bandsFromScore = options.BandBasis == BandBasis.Score;
        Aggregation = options.Aggregation;

        // Null option sections mean "the defaults", as ModelCompiler.Validate reads them.
        var offers = options.Offers ?? new OfferOptions();
        var gateOptions = options.Gates ?? new GateOptions();

        triggersSlot = slotOfKey[SignalKey.Triggers.Id];
        planFitSlot = slotOfKey[SignalKey.PlanFit.Id];

        WeightPreset Resolve(string name)
        {
            if (codePresets.TryGetValue(name, out var p))
            {
                return p;
            }

            // Case-insensitive whatever comparer the options' dictionary was built with, as validation is.
            foreach (var (customName, custom) in options.Presets ?? [])
            {
                if (string.Equals(customName, name, StringComparison.OrdinalIgnoreCase))
                {
                    return WeightPreset.Create(customName, custom);
                }
            }

            return WeightPreset.TryGetBuiltIn(name, out var builtIn) ? builtIn : throw new ScoringConfigurationException($"Preset: '{name}' is not a known preset.");
        }

        var bookPreset = options.Weights is { } w ? WeightPreset.Create("Custom", w) : Resolve(options.Preset);
        segmentPresets = new WeightPreset[SegmentCount];
        segmentWeights = new double[SegmentCount][];
        segmentWeightsNormalised = new double[SegmentCount][];
        for (int s = 0; s < SegmentCount; s++)
        {
            var preset = options.SegmentPresets?.TryGetValue((Segment)s, out string? name) == true ? Resolve(name!) : bookPreset;
            segmentPresets[s] = preset;
            segmentWeights[s] = new double[slotKeys.Length];
            foreach (var (key, weight) in preset.Weights)
            {
                segmentWeights[s][slotOfKey[key.Id]] = weight;
            }

            double total = segmentWeights[s].Sum();
            segmentWeightsNormalised[s] = [.. segmentWeights[s].Select(x => x / total)];
        }

        MissingSignalPolicy = options.MissingSignals;
        this.transform = transform ?? ModelCompiler.ResolveTransform(options.Probability);
        bands = ModelCompiler.ResolveBands(options.Bands);
        bandMins = [.. bands.Select(b => b.MinProbability)];

        var ruleList = (offers.Rules ?? DefaultOfferRules.Create()).Select(r => (IOfferRule)new ConditionOfferRule(r, slotOfKey)).ToList();
        foreach (var (rule, priority) in codeRules)
        {
            int at = priority ?? DefaultInsertPosition(ruleList);
            ruleList.Insert(Math.Clamp(at, 0, ruleList.Count), rule);
        }

        rules = [.. ruleList];
        conditionRules = [.. rules.Select(r => r as ConditionOfferRule)];
        multipliers = [.. Enum.GetValues<OfferKind>().Select(k => offers.Multipliers?.TryGetValue(k, out double m) == true ? m : DefaultOfferRules.Multiplier(k))];
        planLadder = [.. offers.PlanLadder ?? DefaultOfferRules.PlanLadder];
        seatsTarget = offers.SeatsTargetUtilization;
        seatSaturationFromPlanFit = offers.SeatSaturationFromPlanFit;

        var wo = options.Windows ?? new WindowOptions();
        nowMask = BandMask(wo.NowBands ?? ["Hot"]);
        next30Mask = BandMask(wo.Next30Bands ?? ["Hot", "Warm"]);
        next30RenewalMask = BandMask(wo.Next30RenewalBands ?? ["Watch"]);
        next60Mask = BandMask(wo.Next60Bands ?? ["Watch"]);
        nowMinTriggers = wo.NowMinTriggers;
        next30MaxDays = wo.Next30MaxDaysToRenewal;
        gates = new GateOptions
        {
            HealthEnabled = gateOptions.HealthEnabled,
            MinHealthScore = gateOptions.MinHealthScore,
            SupportTicketsEnabled = gateOptions.SupportTicketsEnabled,
            MaxOpenP1P2Tickets = gateOptions.MaxOpenP1P2Tickets,
            TenureEnabled = gateOptions.TenureEnabled,
            MinTenureMonths = gateOptions.MinTenureMonths,
        };

        if (this.transform is LinearProbabilityTransform linear)
        {
            linearTransform = true;
            linearIntercept = linear.Intercept;
            linearSlope = linear.Slope;
        }

        healthGate = gates.HealthEnabled;
        minHealth = gates.MinHealthScore;
        ticketGate = gates.SupportTicketsEnabled;
        maxTickets = gates.MaxOpenP1P2Tickets;
        tenureGate = gates.TenureEnabled;
        tenureMonths = gates.MinTenureMonths;
        tenureBounded = tenureMonths is >= 0 and <= MaxAddMonths;

        BatchPathFallbackReason = FusedPlan.Unsupported(slotKeys, scorers, rules, bands.Length, tenureMonths, linearTransform);
        kernel = BatchPathFallbackReason is null ? new FusedKernel(CompileFusedPlan()) : null;
    }

    /// <summary>Gets the model with every SPEC default: MidMarketBalanced, 5 + 0.9 × composite, the SPEC bands, rules, windows and gates.</summary>
    public static ScoringModel Default { get; } = new ScoringModelBuilder().Build();

    /// <summary>Gets the signals the model reads, built-ins first.</summary>
    public IReadOnlyList<SignalKey> Signals => slotKeys;

    /// <summary>Gets the bands, highest first.</summary>
    public IReadOnlyList<BandDefinition> Bands => bands;

    /// <summary>Gets the offer rules' names in priority order.</summary>
    public IReadOnlyList<string> OfferRules => [.. rules.Select(r => r.Name)];

    /// <summary>Gets how the signals combine into the score.</summary>
    public AggregationKind Aggregation { get; }

    /// <summary>Gets the missing-signal policy.</summary>
    public MissingSignalPolicy MissingSignalPolicy { get; }

    /// <summary>Gets the probability transform (its output is clamped to 5..95).</summary>
    public IProbabilityTransform ProbabilityTransform => transform;

    /// <summary>Gets the plan ladder, lowest first.</summary>
    public IReadOnlyList<string> PlanLadder => planLadder;

    /// <summary>Builds a model from options.</summary>
    /// <param name="options">The options; <see langword="null"/> for the SPEC defaults.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ScoringConfigurationException">The options are invalid; the message lists every problem.</exception>
    public static ScoringModel Create(ExpansionScoringOptions? options = null)
        => new ScoringModelBuilder(options ?? new ExpansionScoringOptions()).Build();

    /// <summary>Gets the preset that applies to accounts of <paramref name="segment"/>.</summary>
    /// <param name="segment">The segment.</param>
    /// <returns>The preset.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="segment"/> is undefined.</exception>
    public WeightPreset PresetFor(Segment segment) => segmentPresets[(int)Guard.Defined(segment)];

    /// <summary>Gets the dollar multiplier of an offer kind.</summary>
    /// <param name="offer">The offer kind.</param>
    /// <returns>The multiplier.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offer"/> is undefined.</exception>
    public double MultiplierOf(OfferKind offer) => multipliers[(int)Guard.Defined(offer)];

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AtLeast(double x, double threshold) => x >= threshold - Epsilon;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static int DefaultInsertPosition(List<IOfferRule> rules)
        => rules.Count > 0 && rules[^1] is ConditionOfferRule { } last && last.Name == "Fallback" ? rules.Count - 1 : rules.Count;

    private int BandMask(List<string> names)
    {
        int mask = 0;
        for (int i = 0; i < bands.Length; i++)
        {
            if (names.Contains(bands[i].Name, StringComparer.OrdinalIgnoreCase))
            {
                mask |= 1 << i;
            }
        }

        return mask;
    }

    private int IndexOfPlan(string plan) => OfferRuleArguments.IndexOfPlan(planLadder, plan);

    /// <summary>
    /// Reads an account's signal values into <paramref name="values"/>, one per entry of <see cref="Signals"/>,
    /// NaN where missing. For portfolio and history analytics, which need the values the score was built from.
    /// </summary>
    internal void ReadSignalValues(Account account, DateOnly asOf, Span<double> values) => ReadSignals(account, asOf, values);

    /// <summary>The scoring path's <see cref="ReadSignals(Account, DateOnly, Span{double}, SignalSource[], string[])"/>: the same values, without recording sources and reasons.</summary>
    private void ReadSignals(Account account, DateOnly asOf, Span<double> values)
    {
        var direct = account.Signals;
        var keys = slotKeys;
        var maxAges = maxAgeBySlot;
        for (int i = 0; i < keys.Length; i++)
        {
            if (direct.TryGetValue(keys[i], out double v))
            {
                // A stale direct value is missing; it is not replaced by a derived one.
                values[i] = maxAges[i] >= 0 && IsStale(direct, keys[i], asOf, maxAges[i]) ? double.NaN : v;
            }
            else
            {
                values[i] = Derive(i, account, asOf);
            }
        }
    }

    private static bool IsStale(SignalValues direct, SignalKey key, DateOnly asOf, int maxAge)
        => direct.TryGetObservedOn(key, out var observedOn) && asOf.DayNumber - observedOn.DayNumber > maxAge;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Derive(int slot, Account account, DateOnly asOf)
    {
        if (scorers[slot] is not { } scorer)
        {
            return double.NaN;
        }

        var reading = scorer.Score(new SignalScorerArguments(account, asOf));
        return reading.IsPresent && !double.IsNaN(reading.Value) ? Math.Clamp(reading.Value, 0, 100) : double.NaN;
    }

    private void ReadSignals(Account account, DateOnly asOf, Span<double> values, SignalSource[] sources, string?[] reasons)
    {
        var direct = account.Signals;
        for (int i = 0; i < slotKeys.Length; i++)
        {
            if (direct.TryGetValue(slotKeys[i], out double v))
            {
                if (maxAgeBySlot[i] >= 0 && direct.TryGetObservedOn(slotKeys[i], out var observedOn) && asOf.DayNumber - observedOn.DayNumber > maxAgeBySlot[i])
                {
                    values[i] = double.NaN;
                    reasons[i] = Invariant($"stale: observed {observedOn:yyyy-MM-dd}, {asOf.DayNumber - observedOn.DayNumber} days before the as-of date (max {maxAgeBySlot[i]})");
                    continue;
                }

                values[i] = v;
                sources[i] = SignalSource.Direct;
                continue;
            }

            var scorer = scorers[i];
            if (scorer is null)
            {
                values[i] = double.NaN;
                reasons[i] = "not supplied and no scorer derives it";
                continue;
            }

            var reading = scorer.Score(new SignalScorerArguments(account, asOf));
            if (reading.IsPresent && !double.IsNaN(reading.Value))
            {
                values[i] = Math.Clamp(reading.Value, 0, 100);
                sources[i] = SignalSource.Derived;
            }
            else
            {
                values[i] = double.NaN;
                reasons[i] = reading.MissingReason ?? "scorer produced NaN";
            }
        }
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

        return start.AddMonths(tenureMonths) > asOf;
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
            composite = sumW > 0 ? Math.Clamp(sum / sumW, 0, 100) : 0;

            // A weighted average lies between the least and the most of its values; rounding in the sums can put it a
            // few ulps outside (all-100 signals summing to 99.99999999999997), which the bounds must not show.
            if (least <= most && (!zeroMissing || missingCount == 0))
            {
                composite = Math.Clamp(composite, Math.Min(least, 100), Math.Max(most, 0));
            }

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
        if (blocked == GateFlags.None)
        {
            // Facts after the signal values, in ConditionOfferRule.OperandKind order, for the rules' fast path.
            fields[slots] = seatSaturation;
            fields[slots + 1] = days;
            fields[slots + 2] = probability;
            fields[slots + 3] = composite;
            fields[slots + 4] = account.Arr;
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
                    break;
                }
            }
        }

        double opportunity = blocked == GateFlags.None ? probability / 100 * account.Arr * multipliers[(int)offer] : 0;

        PitchWindow window;
        int bandBit = 1 << band;
        if (blocked != GateFlags.None)
        {
            window = PitchWindow.Nurture;
        }
        else if ((nowMask & bandBit) != 0 && triggersSlot >= 0 && AtLeast(values[triggersSlot], nowMinTriggers))
        {
            window = PitchWindow.Now;
        }
        else if ((next30Mask & bandBit) != 0 || ((next30RenewalMask & bandBit) != 0 && days <= next30MaxDays))
        {
            window = PitchWindow.Next30Days;
        }
        else if ((next60Mask & bandBit) != 0)
        {
            window = PitchWindow.Next60Days;
        }
        else
        {
            window = PitchWindow.Nurture;
        }

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
        };
    }

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
