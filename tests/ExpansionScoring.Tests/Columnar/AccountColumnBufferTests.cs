using ExpansionScoring.Columnar;
using ExpansionScoring.Signals;
using FsCheck;
using FsCheck.Fluent;

namespace ExpansionScoring.Tests.Columnar;

/// <summary><see cref="AccountColumnBuffer"/>: accounts in, the columns the general engine would score out.</summary>
public sealed class AccountColumnBufferTests
{
    private static readonly DateOnly AsOf = TestData.AsOf;

    [Fact]
    public void Add_AccountsWithTelemetry_ColumnsScoreAsTheGeneralEngine()
    {
        // Telemetry only: every signal is derived by a built-in scorer, which the columns must carry.
        var random = new Random(7);
        var accounts = Enumerable.Range(0, 500).Select(i => new Account
        {
            Id = $"t{i}",
            Segment = (Segment)(i % 3),
            Arr = random.Next(1_000, 400_000),
            SeatsPurchased = random.Next(1, 200),
            SeatsActive = random.Next(0, 250),
            DaysToRenewal = random.Next(-10, 200),
            HealthScore = random.Next(0, 2) == 0 ? null : random.Next(30, 100),
            Telemetry = new AccountTelemetry
            {
                MeteredUsageSaturation = random.NextDouble() * 1.2,
                UsageTrendPercent = (random.NextDouble() * 80) - 40,
                FeaturesUsed = random.Next(0, 20),
                FeaturesAvailable = 20,
                ActiveDepartments = random.Next(0, 5),
                ChampionLevel = (ChampionLevel)random.Next(0, 5),
                ExecSponsor = random.Next(2) == 0,
                ChampionLastTouchDays = random.Next(0, 200),
                TriggerEvents = [new TriggerEvent(TriggerEventKind.FundingRound, AsOf.AddDays(-random.Next(0, 90)))],
            },
        }).ToArray();

        var buffer = new AccountColumnBuffer(capacity: 7);
        foreach (var a in accounts)
        {
            buffer.Add(a, AsOf);
        }

        var results = new ResultArrays(buffer.Count);
        var summary = ScoringModel.Default.ScoreBatch(buffer.Columns, AsOf, results.Columns);

        Assert.Equal(accounts.Length, buffer.Count);
        Assert.NotEqual(ScoringPath.General, summary.Path);
        for (int i = 0; i < accounts.Length; i++)
        {
            var expected = ScoringModel.Default.Score(accounts[i], AsOf);
            FusedPathTests.AssertSame(ScoringModel.Default, expected, results.Composite[i], results.Probability[i], results.Opportunity[i], results.Outcome[i], accounts[i].Id);
            Assert.Equal(expected.Probability, ScoringModel.Default.ScoreRow(buffer[i], AsOf).Probability);
        }
    }

    [Fact]
    public void Add_RowsThenClear_KeepsRoomAndStartsOver()
    {
        var buffer = new AccountColumnBuffer(capacity: 0);
        for (int i = 0; i < 100; i++)
        {
            buffer.Add(new AccountRow { Arr = i, PlanFit = i % 100 });
        }

        Assert.Equal(100, buffer.Count);
        Assert.Equal(42, buffer[42].Arr);
        Assert.True(double.IsNaN(buffer[42].Velocity));
        Assert.Equal(100, buffer.Columns.Count);

        buffer.Clear();
        Assert.Equal(0, buffer.Count);
        Assert.Equal(0, buffer.Columns.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer[0]);
    }

    [Fact]
    public void Arguments_Invalid_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AccountColumnBuffer(-1));
        Assert.Throws<ArgumentNullException>(() => new AccountColumnBuffer().Add(null!, AsOf));
    }

    [Fact]
    public void Add_GeneratedBook_SameResultsAsColumnsBuiltByHand()
    {
        var accounts = Gen.ArrayOf(Generators.Account.Select(a => a with { WindowOverride = null }), 1_000).Sample(1, 1).Single();
        var buffer = new AccountColumnBuffer();
        foreach (var a in accounts)
        {
            buffer.Add(a, AsOf);
        }

        var book = new ColumnarBook(accounts, AsOf);
        var fromBuffer = new ResultArrays(accounts.Length);
        var byHand = new ResultArrays(accounts.Length);
        ScoringModel.Default.ScoreBatch(buffer.Columns, AsOf, fromBuffer.Columns);
        ScoringModel.Default.ScoreBatch(book.Columns, AsOf, byHand.Columns);

        Assert.Equal(byHand.Outcome, fromBuffer.Outcome);
        Assert.Equal(byHand.Probability, fromBuffer.Probability);
        Assert.Equal(byHand.Opportunity, fromBuffer.Opportunity);
    }
}
