using ExpansionScoring.Columnar;
using ExpansionScoring.Signals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Columnar;

/// <summary>
/// Every way into the engine gives one result for one account, whatever fields the account lacks: an
/// <see cref="Account"/> (its segment, seats, renewal, gate inputs and signals left unset rather than set to a
/// default), the account added to an <see cref="AccountColumnBuffer"/> and scored as a batch, an
/// <see cref="AccountRow"/> written with the same fields left unset and scored by <see cref="ScoringModel.ScoreRow"/>,
/// and columns that leave a field out for the whole book. A missing segment is Mid-Market on every path (SPEC §3).
/// </summary>
public sealed class MissingFieldsAgreementTests
{
    private static readonly DateOnly AsOf = TestData.AsOf;

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 120)]
    public void EveryPath_RandomModelAndBookWithMissingFields_SameResults(FusedPathTests.FusedCase model, Sparse[] book)
    {
        var scoring = model.Build();
        var accounts = book.Select(s => s.ToAccount()).ToArray();
        var expected = accounts.Select(a => scoring.Score(a, AsOf)).ToArray();

        // Columns from the records, through the buffer's own reading of an account.
        var buffer = new AccountColumnBuffer();
        foreach (var a in accounts)
        {
            buffer.Add(a, AsOf, scoring);
        }

        var fromRecords = new ResultArrays(accounts.Length);
        scoring.ScoreBatch(buffer.Columns, AsOf, fromRecords.Columns);

        // Rows written field by field, leaving out what the account lacks.
        var rows = new AccountColumnBuffer();
        foreach (var s in book)
        {
            rows.Add(s.ToRow(AsOf));
        }

        var fromRows = new ResultArrays(accounts.Length);
        scoring.ScoreBatch(rows.Columns, AsOf, fromRows.Columns);
        for (int i = 0; i < accounts.Length; i++)
        {
            string label = $"account {i} ({book[i]})";
            FusedPathTests.AssertSame(scoring, expected[i], fromRecords.Composite[i], fromRecords.Probability[i], fromRecords.Opportunity[i], fromRecords.Outcome[i], $"{label}, buffer of accounts");
            FusedPathTests.AssertSame(scoring, expected[i], fromRows.Composite[i], fromRows.Probability[i], fromRows.Opportunity[i], fromRows.Outcome[i], $"{label}, buffer of rows");
            var row = scoring.ScoreRow(book[i].ToRow(AsOf), AsOf);
            FusedPathTests.AssertSame(scoring, expected[i], row.Composite, row.Probability, row.Opportunity, row.Outcome, $"{label}, ScoreRow");
        }
    }

    [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 80)]
    public void ScoreBatch_ColumnsLeftOutForTheWholeBook_SameResultsAsAccountsWithoutThoseFields(FusedPathTests.FusedCase model, Sparse[] book, bool[] leftOut)
    {
        // A column left empty means "the book has no such field": each account then lacks it, segment included.
        bool Out(int field) => field < leftOut.Length && leftOut[field];
        var trimmed = book.Select(s => s with
        {
            Segment = Out(0) ? null : s.Segment,
            Signals = Out(1) ? [null, null, null, null, null] : s.Signals,
            Seats = Out(2) ? null : s.Seats,
            Days = Out(3) ? null : s.Days,
            Health = Out(4) ? null : s.Health,
            Tickets = Out(5) ? null : s.Tickets,
            TenureDays = Out(6) ? null : s.TenureDays,
        }).ToArray();
        var scoring = model.Build();
        var rows = trimmed.Select(s => s.ToRow(AsOf)).ToArray();
        double[] Column(Func<AccountRow, double> field, bool empty) => empty ? [] : [.. rows.Select(field)];
        var columns = new AccountColumns
        {
            Segment = Out(0) ? [] : rows.Select(r => r.Segment).ToArray(),
            PlanFit = Column(r => r.PlanFit, Out(1)),
            Velocity = Column(r => r.Velocity, Out(1)),
            Engagement = Column(r => r.Engagement, Out(1)),
            Champion = Column(r => r.Champion, Out(1)),
            Triggers = Column(r => r.Triggers, Out(1)),
            Arr = [.. rows.Select(r => r.Arr)],
            SeatSaturation = Column(r => r.SeatSaturation, Out(2)),
            DaysToRenewal = Column(r => r.DaysToRenewal, Out(3)),
            HealthScore = Column(r => r.HealthScore, Out(4)),
            OpenP1P2Tickets = Column(r => r.OpenP1P2Tickets, Out(5)),
            ContractStart = Out(6) ? [] : rows.Select(r => r.ContractStart).ToArray(),
        };
        var results = new ResultArrays(rows.Length);
        scoring.ScoreBatch(columns, AsOf, results.Columns);
        for (int i = 0; i < rows.Length; i++)
        {
            var expected = scoring.Score(trimmed[i].ToAccount(), AsOf);
            FusedPathTests.AssertSame(scoring, expected, results.Composite[i], results.Probability[i], results.Opportunity[i], results.Outcome[i], $"account {i} ({trimmed[i]}), left out {string.Join(",", leftOut)}");
        }
    }

    [Fact]
    public void MissingSegment_EveryPath_IsMidMarket()
    {
        // A model where the segment decides the result: Mid-Market accounts weigh only Velocity, the others only PlanFit.
        var model = ScoringModel.Create(new ExpansionScoringOptions
        {
            Weights = new() { ["PlanFit"] = 1 },
            Presets = new() { ["VelocityOnly"] = new() { ["Velocity"] = 1 } },
            SegmentPresets = new() { [Segment.MidMarket] = "VelocityOnly" },
        });
        var account = new Account { Id = "a", Arr = 1000, Signals = SignalValues.Of(planFit: 10, velocity: 90) };
        var row = new AccountRow { Arr = 1000, PlanFit = 10, Velocity = 90 };
        var results = new ResultArrays(1);
        model.ScoreBatch(new AccountColumns { Arr = [1000.0], PlanFit = [10.0], Velocity = [90.0] }, AsOf, results.Columns);

        var fromJson = System.Text.Json.JsonSerializer.Deserialize<Account>("{\"id\":\"a\",\"arr\":1000}", global::ExpansionScoring.Serialization.ExpansionScoringJson.Options)!;

        Assert.Equal(Segment.MidMarket, Account.DefaultSegment); // SPEC §3, the one definition every reader takes
        Assert.Equal(Segment.MidMarket, account.Segment);
        Assert.Equal(Segment.MidMarket, row.Segment);
        Assert.Equal(Segment.MidMarket, fromJson.Segment);
        Assert.Equal(90, model.Score(account, AsOf).Composite);
        Assert.Equal(90, model.ScoreRow(row, AsOf).Composite);
        Assert.Equal(90, results.Composite[0]);
    }

    /// <summary>An account as its source holds it: any field may be absent.</summary>
    public sealed record Sparse(
        int Id,
        Segment? Segment,
        double?[] Signals,
        double Arr,
        (int Purchased, int Active)? Seats,
        int? Days,
        double? Health,
        int? Tickets,
        int? TenureDays)
    {
        /// <summary>The record with every absent field left unset, so the record's own defaults apply.</summary>
        public Account ToAccount()
        {
            var account = new Account
            {
                Id = $"acct-{Id}",
                Arr = Arr,
                Signals = SignalValues.Of(Signals[0], Signals[1], Signals[2], Signals[3], Signals[4]),
                SeatsPurchased = Seats?.Purchased,
                SeatsActive = Seats?.Active,
                DaysToRenewal = Days,
                HealthScore = Health,
                OpenP1P2Tickets = Tickets,
                ContractStartDate = TenureDays is { } d ? TestData.AsOf.AddDays(-d) : null,
            };
            return Segment is { } segment ? account with { Segment = segment } : account;
        }

        /// <summary>The row with every absent field left unset, so the row's own defaults apply.</summary>
        public AccountRow ToRow(DateOnly asOf)
        {
            var row = new AccountRow
            {
                PlanFit = Signals[0] ?? double.NaN,
                Velocity = Signals[1] ?? double.NaN,
                Engagement = Signals[2] ?? double.NaN,
                Champion = Signals[3] ?? double.NaN,
                Triggers = Signals[4] ?? double.NaN,
                Arr = Arr,
                SeatSaturation = Seats is { Purchased: > 0 } s ? (double)s.Active / s.Purchased : double.NaN,
                DaysToRenewal = Days ?? double.NaN,
                HealthScore = Health ?? double.NaN,
                OpenP1P2Tickets = Tickets ?? double.NaN,
                ContractStart = TenureDays is { } d ? asOf.AddDays(-d) : default,
            };
            return Segment is { } segment ? row with { Segment = segment } : row;
        }

        public override string ToString()
            => $"#{Id} {Segment?.ToString() ?? "no segment"}, signals [{string.Join(",", Signals.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"))}], ARR {Arr}, seats {Seats?.ToString() ?? "-"}, days {Days?.ToString() ?? "-"}, health {Health?.ToString() ?? "-"}, tickets {Tickets?.ToString() ?? "-"}, tenure {TenureDays?.ToString() ?? "-"}";
    }

    public static class Arbitraries
    {
        private static Gen<T?> Maybe<T>(Gen<T> gen)
            where T : struct
            => Gen.Frequency((1, Gen.Constant<T?>(null)), (1, gen.Select(v => (T?)v)));

        public static Arbitrary<FusedPathTests.FusedCase> Cases() => FusedPathTests.Arbitraries.Cases();

        public static Arbitrary<Sparse> Accounts() =>
            (from id in Gen.Choose(1, 1_000_000)
             from segment in Maybe(Generators.Segment)
             from signals in Gen.ArrayOf(Generators.OptionalSignal, 5)
             from arr in Generators.Arr
             from seats in Maybe(from p in Gen.Choose(1, 500) from a in Gen.Choose(0, 600) select (p, a))
             from days in Maybe(Gen.Choose(-30, 400))
             from health in Maybe(Gen.Choose(0, 1000).Select(i => i / 10.0))
             from tickets in Maybe(Gen.Choose(0, 3))
             from tenure in Maybe(Gen.Choose(0, 900))
             select new Sparse(id, segment, signals, arr, seats, days, health, tickets, tenure)).ToArbitrary();
    }
}
