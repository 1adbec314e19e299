using ExpansionScoring.Bands;
using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;

namespace ExpansionScoring;

/// <summary>Validates options (collecting every problem) and resolves them into the parts of a model.</summary>
internal static class ModelCompiler
{
    public const int MaxSignals = 64;

    // Points are at most 64 signals × 100 × WeightPreset.MaxWeight (6.4e9); dividing by no less than 1e-6 stays finite.
    private const double MinMaxPoints = 1e-6;
    private const double MaxMaxPoints = 1e12;

    // The largest points sum: every signal at 100 under the largest weight.
    private const double MaxPointsSum = MaxSignals * 100 * WeightPreset.MaxWeight;

    public static IReadOnlyList<string> Validate(ExpansionScoringOptions options, IEnumerable<SignalKey> additionalSignals, IReadOnlyDictionary<string, WeightPreset>? codePresets = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var known = KnownSignals(options, additionalSignals, errors);
        var presetNames = new HashSet<string>(WeightPreset.BuiltInPresets.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
        presetNames.UnionWith(options.Presets?.Keys ?? (IEnumerable<string>)[]);
        presetNames.UnionWith(codePresets?.Keys ?? (IEnumerable<string>)[]);

        if (options.Weights is null && !presetNames.Contains(options.Preset ?? string.Empty))
        {
            errors.Add(FormattableString.Invariant($"Preset: '{options.Preset}' is not a known preset (known: {string.Join(", ", presetNames.Order(StringComparer.OrdinalIgnoreCase))})."));
        }

        if (options.Weights is not null)
        {
            WeightPreset.Validate("Weights", options.Weights.Select(p => (p.Key, p.Value)), errors, known);
        }

        foreach (var (name, weights) in options.Presets ?? [])
        {
            if (weights is null)
            {
                errors.Add(FormattableString.Invariant($"Presets:{name} has no weights."));
                continue;
            }

            WeightPreset.Validate($"Presets:{name}", weights.Select(p => (p.Key, p.Value)), errors, known);
        }

        foreach (var (segment, name) in options.SegmentPresets ?? [])
        {
            if (!Enum.IsDefined(segment))
            {
                errors.Add(FormattableString.Invariant($"SegmentPresets:{segment} is not a segment (allowed: {string.Join(", ", Enum.GetNames<Segment>())})."));
            }

            if (!presetNames.Contains(name ?? string.Empty))
            {
                errors.Add(FormattableString.Invariant($"SegmentPresets:{segment}: '{name}' is not a known preset (known: {string.Join(", ", presetNames.Order(StringComparer.OrdinalIgnoreCase))})."));
            }
        }

        if (!Enum.IsDefined(options.MissingSignals))
        {
            errors.Add(FormattableString.Invariant($"MissingSignals must be one of {string.Join(", ", Enum.GetNames<MissingSignalPolicy>())}, was {options.MissingSignals}."));
        }

        var scorerSignals = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < (options.Scorers?.Count ?? 0); i++)
        {
            var scorer = options.Scorers![i];
            if (scorer is null)
            {
                errors.Add(FormattableString.Invariant($"Scorers:{i} is empty."));
                continue;
            }

            scorer.Validate($"Scorers:{i}", errors);
            if (SignalKey.IsValidName(scorer.Signal) && !scorerSignals.Add(scorer.Signal))
            {
                errors.Add(FormattableString.Invariant($"Scorers:{i}:Signal '{scorer.Signal}' has more than one scorer."));
            }
        }

        if (!Enum.IsDefined(options.Aggregation))
        {
            errors.Add(FormattableString.Invariant($"Aggregation must be one of {string.Join(", ", Enum.GetNames<AggregationKind>())}, was {options.Aggregation}."));
        }

        if (!double.IsFinite(options.MaxPoints) || options.MaxPoints <= 0)
        {
            errors.Add(FormattableString.Invariant($"MaxPoints must be > 0, was {options.MaxPoints}."));
        }
        else if (options.MaxPoints is < MinMaxPoints or > MaxMaxPoints)
        {
            errors.Add(FormattableString.Invariant($"MaxPoints must be in {MinMaxPoints}..{MaxMaxPoints} so that 100 × points / MaxPoints stays finite, was {options.MaxPoints}."));
        }

        if (!Enum.IsDefined(options.BandBasis))
        {
            errors.Add(FormattableString.Invariant($"BandBasis must be one of {string.Join(", ", Enum.GetNames<BandBasis>())}, was {options.BandBasis}."));
        }

        if (options.MaxSignalAgeDays is < 0)
        {
            errors.Add(FormattableString.Invariant($"MaxSignalAgeDays must be >= 0, was {options.MaxSignalAgeDays}."));
        }

        foreach (var (name, days) in options.SignalMaxAgeDays ?? [])
        {
            if (!SignalKey.IsValidName(name) || !known.Contains(SignalKey.Of(name)))
            {
                errors.Add(FormattableString.Invariant($"SignalMaxAgeDays:{name} is not a known signal (known: {string.Join(", ", known.Select(k => k.Name))})."));
            }

            if (days < 0)
            {
                errors.Add(FormattableString.Invariant($"SignalMaxAgeDays:{name} must be >= 0, was {days}."));
            }
        }

        ValidateProbability(options.Probability ?? new(), errors);
        var bandNames = ValidateBands(options.Bands, options.BandBasis == BandBasis.Score && options.Aggregation == AggregationKind.PointsSum, errors);
        ValidateOffers(options.Offers ?? new(), known, errors);
        ValidateWindows(options, bandNames, errors);
        ValidateGates(options, errors);
        return errors;
    }

    public static List<SignalKey> KnownSignals(ExpansionScoringOptions options, IEnumerable<SignalKey> additional, List<string>? errors)
    {
        var known = new List<SignalKey>(SignalKey.BuiltIn);
        foreach (string name in options.Signals ?? [])
        {
            if (!SignalKey.IsValidName(name))
            {
                errors?.Add(FormattableString.Invariant($"Signals: '{name}' is not a valid signal name (letters, digits, '_', '-' or '.', starting with a letter)."));
                continue;
            }

            if (ConditionOfferRule.Operand.ReservedNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors?.Add(FormattableString.Invariant($"Signals: '{name}' is reserved for offer-rule fields."));
                continue;
            }

            var key = SignalKey.Of(name);
            if (!known.Contains(key))
            {
                known.Add(key);
            }
        }

        foreach (var scorer in options.Scorers ?? [])
        {
            if (scorer is not null && SignalKey.IsValidName(scorer.Signal) && !known.Contains(SignalKey.Of(scorer.Signal)))
            {
                known.Add(SignalKey.Of(scorer.Signal));
            }
        }

        foreach (var key in additional)
        {
            if (!key.IsDefault && !known.Contains(key))
            {
                known.Add(key);
            }
        }

        if (known.Count > MaxSignals)
        {
            errors?.Add(FormattableString.Invariant($"Signals: a model takes at most {MaxSignals} signals, got {known.Count}."));
        }

        known.Sort();
        return known;
    }

    public static BandDefinition[] ResolveBands(List<BandOptions>? bands)
        => bands is null ? [.. BandDefinition.Defaults] : [.. bands.Select(b => new BandDefinition(b.Name, b.MinProbability))];

    public static IProbabilityTransform ResolveTransform(ProbabilityOptions? p)
    {
        p ??= new();
        return p.Transform == ProbabilityTransformKind.Logistic
            ? new LogisticProbabilityTransform(p.LogisticMidpoint, p.LogisticSteepness)
            : new LinearProbabilityTransform(p.Intercept, p.Slope);
    }

    private static void ValidateProbability(ProbabilityOptions p, List<string> errors)
    {
        if (!Enum.IsDefined(p.Transform))
        {
            errors.Add(FormattableString.Invariant($"Probability:Transform must be one of {string.Join(", ", Enum.GetNames<ProbabilityTransformKind>())}, was {p.Transform}."));
        }

        if (!double.IsFinite(p.Intercept))
        {
            errors.Add(FormattableString.Invariant($"Probability:Intercept must be a finite number, was {p.Intercept}."));
        }

        if (!double.IsFinite(p.Slope) || p.Slope < 0)
        {
            errors.Add(FormattableString.Invariant($"Probability:Slope must be >= 0, was {p.Slope}."));
        }

        if (!double.IsFinite(p.LogisticMidpoint))
        {
            errors.Add(FormattableString.Invariant($"Probability:LogisticMidpoint must be a finite number, was {p.LogisticMidpoint}."));
        }

        if (!double.IsFinite(p.LogisticSteepness) || p.LogisticSteepness <= 0)
        {
            errors.Add(FormattableString.Invariant($"Probability:LogisticSteepness must be > 0, was {p.LogisticSteepness}."));
        }
    }

    private static HashSet<string> ValidateBands(List<BandOptions>? bands, bool onPoints, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (bands is null)
        {
            names.UnionWith(BandDefinition.Defaults.Select(b => b.Name));
            return names;
        }

        if (bands.Count == 0)
        {
            errors.Add("Bands must list at least one band.");
        }

        double previous = double.PositiveInfinity;
        for (int i = 0; i < bands.Count; i++)
        {
            var b = bands[i];
            if (b is null)
            {
                errors.Add(FormattableString.Invariant($"Bands:{i} is empty."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(b.Name))
            {
                errors.Add(FormattableString.Invariant($"Bands:{i}:Name must not be empty."));
            }
            else if (!names.Add(b.Name))
            {
                errors.Add(FormattableString.Invariant($"Bands:{i}:Name '{b.Name}' is used twice."));
            }

            if (!double.IsFinite(b.MinProbability))
            {
                errors.Add(FormattableString.Invariant($"Bands:{i}:MinProbability must be a finite number, was {b.MinProbability}."));
            }
            else if (b.MinProbability > (onPoints ? MaxPointsSum : 100))
            {
                errors.Add(onPoints
                    ? FormattableString.Invariant($"Bands:{i}:MinProbability must be at most {MaxPointsSum} (the most points {MaxSignals} signals at the largest weight give; a band above it is never reached), was {b.MinProbability}.")
                    : FormattableString.Invariant($"Bands:{i}:MinProbability must be at most 100 (the top of the value banded; a band above it is never reached), was {b.MinProbability}."));
            }
            else if (b.MinProbability >= previous)
            {
                errors.Add(FormattableString.Invariant($"Bands:{i}:MinProbability must be below the band before it ({previous}), was {b.MinProbability}; list bands highest first."));
            }
            else
            {
                previous = b.MinProbability;
            }
        }

        return names;
    }

    private static void ValidateOffers(OfferOptions offers, List<SignalKey> known, List<string> errors)
    {
        foreach (var (kind, m) in offers.Multipliers ?? [])
        {
            if (!Enum.IsDefined(kind))
            {
                errors.Add(FormattableString.Invariant($"Offers:Multipliers:{kind} is not an offer kind (allowed: {string.Join(", ", Enum.GetNames<OfferKind>())})."));
            }

            if (!double.IsFinite(m) || m < 0)
            {
                errors.Add(FormattableString.Invariant($"Offers:Multipliers:{kind} must be >= 0, was {m}."));
            }
            else if (m > OfferOptions.MaxMultiplier)
            {
                errors.Add(FormattableString.Invariant($"Offers:Multipliers:{kind} must be <= {OfferOptions.MaxMultiplier} (OfferOptions.MaxMultiplier), was {m}."));
            }
        }

        if (offers.Rules is { } rules)
        {
            var ruleNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < rules.Count; i++)
            {
                var r = rules[i];
                string path = $"Offers:Rules:{i}";
                if (r is null)
                {
                    errors.Add(FormattableString.Invariant($"{path} is empty."));
                    continue;
                }

                if (string.IsNullOrWhiteSpace(r.Name))
                {
                    errors.Add(FormattableString.Invariant($"{path}:Name must not be empty."));
                }
                else if (!ruleNames.Add(r.Name))
                {
                    errors.Add(FormattableString.Invariant($"{path}:Name '{r.Name}' is used twice."));
                }

                if (!Enum.IsDefined(r.Offer))
                {
                    errors.Add(FormattableString.Invariant($"{path}:Offer must be one of {string.Join(", ", Enum.GetNames<OfferKind>())}, was {r.Offer}."));
                }

                foreach (var s in r.Segments ?? [])
                {
                    if (!Enum.IsDefined(s))
                    {
                        errors.Add(FormattableString.Invariant($"{path}:Segments: {s} is not a segment (allowed: {string.Join(", ", Enum.GetNames<Segment>())})."));
                    }
                }

                for (int j = 0; j < (r.Conditions?.Count ?? 0); j++)
                {
                    var c = r.Conditions![j];
                    string cpath = $"{path}:Conditions:{j}";
                    if (c is null)
                    {
                        errors.Add(FormattableString.Invariant($"{cpath} is empty."));
                        continue;
                    }

                    if (!ConditionOfferRule.Operand.TryParse(c.Field, out var operand))
                    {
                        errors.Add(FormattableString.Invariant($"{cpath}:Field '{c.Field}' is not a signal name or one of {string.Join(", ", ConditionOfferRule.Operand.ReservedNames)}."));
                    }
                    else if (operand.Kind == ConditionOfferRule.OperandKind.Signal && !known.Contains(operand.Key))
                    {
                        errors.Add(FormattableString.Invariant($"{cpath}:Field '{c.Field}' is not a known signal (known: {string.Join(", ", known.Select(k => k.Name))})."));
                    }

                    if (!Enum.IsDefined(c.Operator))
                    {
                        errors.Add(FormattableString.Invariant($"{cpath}:Operator must be one of {string.Join(", ", Enum.GetNames<ComparisonOperator>())}, was {c.Operator}."));
                    }

                    if (!double.IsFinite(c.Value))
                    {
                        errors.Add(FormattableString.Invariant($"{cpath}:Value must be a finite number, was {c.Value}."));
                    }
                }
            }
        }

        if (offers.PlanLadder is { } ladder)
        {
            if (ladder.Count == 0)
            {
                errors.Add("Offers:PlanLadder must list at least one plan.");
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < ladder.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(ladder[i]))
                {
                    errors.Add(FormattableString.Invariant($"Offers:PlanLadder:{i} must not be empty."));
                }
                else if (!seen.Add(ladder[i]))
                {
                    errors.Add(FormattableString.Invariant($"Offers:PlanLadder:{i} '{ladder[i]}' is listed twice."));
                }
            }
        }

        if (!double.IsFinite(offers.SeatsTargetUtilization) || offers.SeatsTargetUtilization <= 0 || offers.SeatsTargetUtilization > 1)
        {
            errors.Add(FormattableString.Invariant($"Offers:SeatsTargetUtilization must be in (0, 1], was {offers.SeatsTargetUtilization}."));
        }
    }

    private static void ValidateWindows(ExpansionScoringOptions options, HashSet<string> bandNames, List<string> errors)
    {
        var w = options.Windows ?? new();
        void Check(string name, List<string>? bands)
        {
            foreach (string b in bands ?? [])
            {
                if (!bandNames.Contains(b ?? string.Empty))
                {
                    errors.Add(FormattableString.Invariant($"Windows:{name}: '{b}' is not a band (bands: {string.Join(", ", bandNames)})."));
                }
            }
        }

        Check(nameof(w.NowBands), w.NowBands);
        Check(nameof(w.Next30Bands), w.Next30Bands);
        Check(nameof(w.Next30RenewalBands), w.Next30RenewalBands);
        Check(nameof(w.Next60Bands), w.Next60Bands);
        if (!double.IsFinite(w.NowMinTriggers) || w.NowMinTriggers < 0 || w.NowMinTriggers > 100)
        {
            errors.Add(FormattableString.Invariant($"Windows:NowMinTriggers must be in 0..100, was {w.NowMinTriggers}."));
        }
    }

    private static void ValidateGates(ExpansionScoringOptions options, List<string> errors)
    {
        var g = options.Gates ?? new();
        if (!double.IsFinite(g.MinHealthScore) || g.MinHealthScore < 0 || g.MinHealthScore > 100)
        {
            errors.Add(FormattableString.Invariant($"Gates:MinHealthScore must be in 0..100, was {g.MinHealthScore}."));
        }

        if (g.MaxOpenP1P2Tickets < 0)
        {
            errors.Add(FormattableString.Invariant($"Gates:MaxOpenP1P2Tickets must be >= 0, was {g.MaxOpenP1P2Tickets}."));
        }

        if (g.MinTenureMonths < 0)
        {
            errors.Add(FormattableString.Invariant($"Gates:MinTenureMonths must be >= 0, was {g.MinTenureMonths}."));
        }
    }
}
