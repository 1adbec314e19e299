using System.Text.Json;
using ExpansionScoring.Offers;
using ExpansionScoring.Presets;
using ExpansionScoring.Serialization;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Serialization;

public class ExpansionScoringJsonTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool RoundTrip_AnyAccount_IsLossless(Account account)
    {
        string json = JsonSerializer.Serialize(account, ExpansionScoringJson.Options);
        var back = JsonSerializer.Deserialize<Account>(json, ExpansionScoringJson.Options)!;
        return json == JsonSerializer.Serialize(back, ExpansionScoringJson.Options)
            && back.Id == account.Id && back.Arr.Equals(account.Arr) && back.Segment == account.Segment
            && back.Signals.SequenceEqual(account.Signals)
            && back.Telemetry?.TriggerEvents?.Count == account.Telemetry?.TriggerEvents?.Count
            && back.WindowOverride == account.WindowOverride
            && ScoringModel.Default.Score(back, AsOf).Probability.Equals(ScoringModel.Default.Score(account, AsOf).Probability);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool RoundTrip_AnyScoredAccount_IsLossless(Account account)
    {
        var scored = ScoringModel.Default.Explain(account, AsOf);
        string json = JsonSerializer.Serialize(scored, ExpansionScoringJson.Options);
        var back = JsonSerializer.Deserialize<ScoredAccount>(json, ExpansionScoringJson.Options)!;
        return json == JsonSerializer.Serialize(back, ExpansionScoringJson.Options)
            && back.Probability.Equals(scored.Probability) && back.Opportunity.Equals(scored.Opportunity)
            && back.Signals.Count == scored.Signals.Count && back.Gates.Count == scored.Gates.Count;
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool RoundTrip_AnyOptions_IsLosslessAndBuildsTheSameModel(ExpansionScoringOptions options, Account account)
    {
        string json = JsonSerializer.Serialize(options, ExpansionScoringJson.Options);
        var back = JsonSerializer.Deserialize<ExpansionScoringOptions>(json, ExpansionScoringJson.Options)!;
        return json == JsonSerializer.Serialize(back, ExpansionScoringJson.Options)
            && ScoringModel.Create(back).Score(account, AsOf).Opportunity.Equals(ScoringModel.Create(options).Score(account, AsOf).Opportunity);
    }

    [Fact]
    public void Serialize_Account_WritesSignalsAsObjectEnumsAsStringsAndDatesAsIsoDays()
    {
        var account = new Account
        {
            Id = "acme",
            Segment = Segment.Enterprise,
            Arr = 180_000,
            RenewalDate = new DateOnly(2027, 1, 5),
            Signals = SignalValues.Of(planFit: 92, velocity: 90),
            Telemetry = new AccountTelemetry { TriggerEvents = [new(TriggerEventKind.FundingRound, new DateOnly(2026, 11, 1))] },
        };

        string json = JsonSerializer.Serialize(account, ExpansionScoringJson.Options);

        Assert.Equal(
            """{"Id":"acme","Segment":"Enterprise","Arr":180000,"Signals":{"PlanFit":92,"Velocity":90},"RenewalDate":"2027-01-05","Telemetry":{"TriggerEvents":[{"Kind":"FundingRound","Date":"2026-11-01"}]}}""",
            json);
    }

    [Fact]
    public void Serialize_DatedSignal_WritesValueAndObservedOnAndReadsItBack()
    {
        var signals = SignalValues.Of(planFit: 92).With(SignalKey.Velocity, 70, new DateOnly(2026, 10, 1));

        string json = JsonSerializer.Serialize(signals, ExpansionScoringJson.Options);
        var back = JsonSerializer.Deserialize<SignalValues>(json, ExpansionScoringJson.Options)!;

        Assert.Equal("""{"PlanFit":92,"Velocity":{"value":70,"observedOn":"2026-10-01"}}""", json);
        Assert.True(back.TryGetObservedOn(SignalKey.Velocity, out var observedOn));
        Assert.Equal(new DateOnly(2026, 10, 1), observedOn);
        Assert.False(back.TryGetObservedOn(SignalKey.PlanFit, out _));
    }

    [Fact]
    public void Serialize_SignalKeyAndPreset_WritesNames()
    {
        Assert.Equal("\"Champion\"", JsonSerializer.Serialize(SignalKey.Champion, ExpansionScoringJson.Options));
        Assert.Equal(
            """{"Name":"Enterprise","Weights":{"PlanFit":0.15,"Velocity":0.15,"Engagement":0.15,"Champion":0.4,"Triggers":0.15}}""",
            JsonSerializer.Serialize(WeightPreset.Enterprise, ExpansionScoringJson.Options));
    }

    [Fact]
    public void Serialize_ScoredAccount_WritesEnumsAsStrings()
    {
        var scored = ScoringModel.Default.Explain(new Account { Id = "a", Arr = 1000, Signals = SignalValues.Of(90, 90, 90, 90, 90) }, AsOf);

        string json = JsonSerializer.Serialize(scored, ExpansionScoringJson.Options);

        Assert.Contains("\"Segment\":\"MidMarket\"", json, StringComparison.Ordinal);
        Assert.Contains("\"EffectiveWindow\":\"Now\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Source\":\"Direct\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Gate\":\"Health\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_AccountWithManyBadFields_ReportsEveryOne()
    {
        const string json = """
            {"Arr": -5, "Segment": "Galaxy", "SeatsActive": 1.5, "RenewalDate": "05/01/2027",
             "Signals": {"PlanFit": 120, "Velocity": 50, "9lives": 3},
             "Telemetry": {"FeaturesUsed": -1, "TriggerEvents": [{"Kind": "Party"}]},
             "WindowOverride": {"Window": "Now"}}
            """;

        var ex = Assert.Throws<ExpansionScoringJsonException>(() => JsonSerializer.Deserialize<Account>(json, ExpansionScoringJson.Options));

        Assert.Equal(
            ["Arr", "Id", "RenewalDate", "SeatsActive", "Segment", "Signals.9lives", "Signals.PlanFit", "Telemetry.FeaturesUsed",
             "Telemetry.TriggerEvents[0].Date", "Telemetry.TriggerEvents[0].Kind", "WindowOverride.Reason"],
            ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Expected one of SMB, MidMarket, Enterprise, was 'Galaxy'.", Assert.Single(ex.Errors["Segment"]));
        Assert.Equal("Value must be a finite number >= 0. Actual value was -5.", Assert.Single(ex.Errors["Arr"]));
    }

    [Fact]
    public void TryReadAccounts_ArrayWithBadItems_NamesEachByIndex()
    {
        using var doc = JsonDocument.Parse("""[{"Id":"ok","Arr":10}, {"Id":"bad","Arr":-1}, {"Id":" ","Signals":{"Champion":101}}]""");

        bool ok = ExpansionScoringJson.TryReadAccounts(doc.RootElement, out var accounts, out var errors);

        Assert.False(ok);
        Assert.Null(accounts);
        Assert.Equal(["[1].Arr", "[2].Id", "[2].Signals.Champion"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TryReadAccounts_SingleValidObject_ReturnsOneAccount()
    {
        using var doc = JsonDocument.Parse("""{"id":"acme","arr":96000,"signals":{"planfit":92}}""");

        bool ok = ExpansionScoringJson.TryReadAccounts(doc.RootElement, out var accounts, out var errors);

        Assert.True(ok);
        Assert.Empty(errors);
        var account = Assert.Single(accounts!);
        Assert.Equal(96_000, account.Arr);
        Assert.Equal(92, account.Signals[SignalKey.PlanFit]);
    }

    [Fact]
    public void Deserialize_WeightPresetWithNegativeWeight_ListsTheProblem()
    {
        var ex = Assert.Throws<ExpansionScoringJsonException>(
            () => JsonSerializer.Deserialize<WeightPreset>("""{"Name":"Mine","Weights":{"Champion":-0.2}}""", ExpansionScoringJson.Options));

        Assert.Contains("Mine:Champion must be >= 0, was -0.2.", Assert.Single(ex.Errors["Weights"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_Options_KeepsCaseInsensitivePresetNames()
    {
        var options = JsonSerializer.Deserialize<ExpansionScoringOptions>(
            """{"Preset":"mine","Presets":{"Mine":{"PlanFit":1,"Champion":1}},"Offers":{"Multipliers":{"Tier":0.5}},"SegmentPresets":{"SMB":"MINE"}}""",
            ExpansionScoringJson.Options)!;

        var model = ScoringModel.Create(options);

        Assert.Equal("Mine", model.PresetFor(Segment.SMB).Name);
        Assert.Equal(0.5, model.MultiplierOf(OfferKind.Tier));
    }

    [Fact]
    public void ConfigureForExpansionScoring_WebDefaults_KeepsCallerNamingAndOtherTypes()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForExpansionScoring();
        var account = new Account { Id = "acme", Segment = Segment.SMB, Arr = 5, Signals = SignalValues.Of(planFit: 50) };

        string json = JsonSerializer.Serialize(new Envelope(account, DayOfWeek.Friday), options);
        var back = JsonSerializer.Deserialize<Envelope>(json, options)!;

        Assert.Equal("""{"account":{"id":"acme","segment":"SMB","arr":5,"signals":{"PlanFit":50}},"day":5}""", json);
        Assert.Equal(50, back.Account.Signals[SignalKey.PlanFit]);
        Assert.Equal(
            "\"Nurture\"",
            JsonSerializer.Serialize(PitchWindow.Nurture, options));
    }

    [Fact]
    public void ConfigureForExpansionScoring_CalledTwice_IsHarmless()
    {
        var options = new JsonSerializerOptions();

        options.ConfigureForExpansionScoring().ConfigureForExpansionScoring();

        Assert.Single(options.TypeInfoResolverChain, r => ReferenceEquals(r, ExpansionScoringJson.TypeInfoResolver));
    }

    [Fact]
    public void ConfigureForExpansionScoring_BadArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("options", () => ExpansionScoringJson.ConfigureForExpansionScoring(null!));
        Assert.Throws<InvalidOperationException>(() => ExpansionScoringJson.Options.ConfigureForExpansionScoring());
    }

    [Fact]
    public void Deserialize_AccountWithReflectionDefaultOptions_StillUsesTheContract()
    {
        // The converters sit on the types, so plain options read and write the same shape.
        var account = JsonSerializer.Deserialize<Account>("""{"Id":"x","Signals":{"PlanFit":92}}""")!;

        Assert.Equal(92, account.Signals[SignalKey.PlanFit]);
        Assert.Equal("""{"Id":"x","Segment":"MidMarket","Arr":0,"Signals":{"PlanFit":92}}""", JsonSerializer.Serialize(account));
    }

    private sealed record Envelope(Account Account, DayOfWeek Day);

    public static class Arbitraries
    {
        private static readonly DateOnly Epoch = new(2020, 1, 1);

        public static Arbitrary<Account> Accounts() => AccountGen().ToArbitrary();

        public static Arbitrary<ExpansionScoringOptions> Options() =>
            (from preset in Gen.Elements("MidMarketBalanced", "Enterprise", "ProductLed", "SmbSeatHeavy", "Custom")
             from weights in Gen.ArrayOf(Gen.Choose(0, 100), 5).Where(w => w.Sum() > 0)
             from smb in Gen.Elements<string?>(null, "Enterprise", "Custom")
             from transform in Gen.Elements(global::ExpansionScoring.Probability.ProbabilityTransformKind.Linear, global::ExpansionScoring.Probability.ProbabilityTransformKind.Logistic)
             from tier in Gen.Choose(0, 100)
             from target in Gen.Choose(50, 100)
             from health in Gen.Choose(0, 100)
             from missing in Gen.Elements(MissingSignalPolicy.Renormalize, MissingSignalPolicy.TreatAsZero)
             select Build(preset, weights, smb, transform, tier, target, health, missing)).ToArbitrary();

        private static ExpansionScoringOptions Build(string preset, int[] weights, string? smb, global::ExpansionScoring.Probability.ProbabilityTransformKind transform, int tier, int target, int health, MissingSignalPolicy missing)
        {
            var options = new ExpansionScoringOptions
            {
                Preset = preset,
                MissingSignals = missing,
                Probability = { Transform = transform, LogisticSteepness = 0.07 },
                Offers = { SeatsTargetUtilization = target / 100.0, Rules = DefaultOfferRules.Create() },
                Gates = { MinHealthScore = health },
                Bands = [new() { Name = "Hot", MinProbability = 75 }, new() { Name = "Warm", MinProbability = 50 }, new() { Name = "Watch", MinProbability = 25 }, new() { Name = "Cold", MinProbability = 0 }],
            };
            options.Presets["Custom"] = new() { ["PlanFit"] = weights[0] / 7.0, ["Velocity"] = weights[1], ["Engagement"] = weights[2], ["Champion"] = weights[3], ["Triggers"] = weights[4] };
            options.Offers.Multipliers[OfferKind.Tier] = tier / 100.0;
            if (smb is not null)
            {
                options.SegmentPresets[Segment.SMB] = smb;
            }

            return options;
        }

        private static Gen<Account> AccountGen() =>
            from id in Gen.Elements("acme", "helix", "nimbus", "volt-1", "Ünïcødé \"quoted\"")
            from name in Gen.Elements<string?>(null, "Acme Corp", "Helix BioTech")
            from segment in Gen.Elements(Segment.SMB, Segment.MidMarket, Segment.Enterprise)
            from plan in Gen.Elements<string?>(null, "Starter", "Pro", "Enterprise")
            from arr in Gen.Choose(0, 50_000_000).Select(n => n / 7.0)
            from signals in SignalsGen()
            from seats in Gen.Choose(-1, 500)
            from active in Gen.Choose(0, 600)
            from renewal in Gen.Choose(-1, 800)
            from health in Gen.Choose(-1, 100)
            from tickets in Gen.Choose(-1, 3)
            from start in Gen.Choose(-1, 2000)
            from telemetry in Gen.OneOf(Gen.Constant<AccountTelemetry?>(null), TelemetryGen().Select(t => (AccountTelemetry?)t))
            from metrics in Gen.Elements<IReadOnlyDictionary<string, double>?>(null, new Dictionary<string, double> { ["nps"] = 42.5, ["health"] = -3 })
            from windowOverride in Gen.Elements<WindowOverride?>(
                null,
                new WindowOverride { Window = PitchWindow.Now, Reason = "exec ask" },
                new WindowOverride { Window = PitchWindow.Nurture, Reason = "M&A", Author = "jo", CreatedAt = new DateTimeOffset(2026, 11, 2, 9, 30, 15, 123, TimeSpan.FromHours(-5)), ExpiresOn = new DateOnly(2027, 2, 1) })
            select new Account
            {
                Id = id,
                Name = name,
                Segment = segment,
                Plan = plan,
                Arr = arr,
                Signals = signals,
                SeatsPurchased = seats < 0 ? null : seats,
                SeatsActive = seats < 0 ? null : active,
                DaysToRenewal = renewal % 2 == 0 ? renewal : null,
                RenewalDate = renewal % 2 == 1 ? Epoch.AddDays(renewal) : null,
                HealthScore = health < 0 ? null : health / 1.0,
                OpenP1P2Tickets = tickets < 0 ? null : tickets,
                ContractStartDate = start < 0 ? null : Epoch.AddDays(start),
                Telemetry = telemetry,
                Metrics = metrics,
                WindowOverride = windowOverride,
            };

        // Some values carry an observation date (signal freshness), which must survive the round trip too.
        private static Gen<SignalValues> SignalsGen() =>
            from values in Gen.ArrayOf(Gen.Choose(-1, 10_000), 6)
            from ages in Gen.ArrayOf(Gen.Choose(-1, 400), 6)
            select new[] { "PlanFit", "Velocity", "Engagement", "Champion", "Triggers", "Nps" }
                .Select((name, i) => (name, value: values[i], age: ages[i]))
                .Where(p => p.value >= 0)
                .Aggregate(SignalValues.Empty, (set, p) => set.With(SignalKey.Of(p.name), p.value / 100.0, p.age >= 0 ? AsOf.AddDays(-p.age) : null));

        private static Gen<AccountTelemetry> TelemetryGen() =>
            from trend in Gen.Choose(-60, 60)
            from used in Gen.Choose(0, 20)
            from departments in Gen.Choose(0, 5)
            from level in Gen.Elements<ChampionLevel?>(null, ChampionLevel.Manager, ChampionLevel.CLevel)
            from sponsor in Gen.Elements<bool?>(null, true, false)
            from events in Gen.ListOf(
                from kind in Gen.Elements(Enum.GetValues<TriggerEventKind>())
                from age in Gen.Choose(0, 400)
                select new TriggerEvent(kind, AsOf.AddDays(-age)))
            select new AccountTelemetry
            {
                UsageTrendPercent = trend / 3.0,
                MeteredUsageSaturation = used / 17.0,
                FeaturesUsed = used,
                FeaturesAvailable = 20,
                ActiveDepartments = departments,
                ChampionLevel = level,
                ExecSponsor = sponsor,
                ChampionLastTouchDays = departments * 30,
                TriggerEvents = events.Count == 0 ? null : [.. events],
            };
    }
}
