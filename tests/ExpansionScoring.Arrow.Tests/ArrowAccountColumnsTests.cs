using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using ExpansionScoring.Columnar;
using ExpansionScoring.Signals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Arrow.Tests;

/// <summary>
/// An Arrow record batch scored through <see cref="ArrowScoring"/> gives, on every account, what the same accounts
/// give as <see cref="Account"/> records through the general engine, whatever the column types (doubles read in
/// place, floats, integers, nulls, dictionary text, dates and timestamps); bad columns are refused naming the column
/// and what was expected.
/// </summary>
public sealed class ArrowAccountColumnsTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    [Property(MaxTest = 40)]
    public void RandomBook_ArrowAndAccountRecords_SameScoresOnEveryAccount(PositiveInt seed, bool dictionarySegments, bool timestamps)
    {
        var random = new Random(seed.Get);
        var book = Enumerable.Range(0, random.Next(1, 400)).Select(i => Generate(random, i)).ToArray();
        var accounts = book.Select(r => r.ToAccount()).ToArray();
        using var batch = ToBatch(book, dictionarySegments, timestamps);

        foreach (var model in new[] { ScoringModel.Default, ScoringModel.Create(new ExpansionScoringOptions { Preset = "SmbSeatHeavy" }) })
        {
            var results = new Results(book.Length);
            model.ScoreBatch(batch, AsOf, results.Columns);
            for (int i = 0; i < book.Length; i++)
            {
                var expected = model.Score(accounts[i], AsOf);
                string where = $"row {i} ({book[i]})";
                var o = results.Outcome[i];
                Assert.True(expected.BandIndex == o.BandIndex, $"{where}: band {o.BandIndex}, engine {expected.BandIndex}");
                Assert.True(expected.Offer == o.Offer, $"{where}: offer {o.Offer}, engine {expected.Offer}");
                Assert.Equal(expected.OfferRule, o.OfferRuleIndex < 0 ? null : model.OfferRules[o.OfferRuleIndex]);
                Assert.True(expected.Window == o.Window, $"{where}: window {o.Window}, engine {expected.Window}");
                Assert.Equal(expected.GatesBlocked, o.GatesBlocked);
                Assert.Equal(expected.GatesNotEvaluated, o.GatesNotEvaluated);
                Assert.Equal(expected.MissingSignalCount, o.MissingSignalCount);
                Assert.True(Math.Abs(expected.Composite - results.Composite[i]) <= 1e-9, $"{where}: composite {results.Composite[i]:R}, engine {expected.Composite:R}");
                Assert.True(Math.Abs(expected.Probability - results.Probability[i]) <= 1e-9, $"{where}: probability {results.Probability[i]:R}, engine {expected.Probability:R}");
                Assert.True(Math.Abs(expected.Opportunity - results.Opportunity[i]) <= 1e-9 * Math.Max(1, expected.Opportunity), $"{where}: opportunity {results.Opportunity[i]:R}, engine {expected.Opportunity:R}");
            }
        }
    }

    [Fact]
    public void DoubleColumnWithoutNulls_ReadInPlace_WithNullsConverted()
    {
        var arr = new DoubleArray.Builder().AppendRange([1000, 2000, 3000]).Build();
        var planFit = new DoubleArray.Builder().Append(50).AppendNull().Append(70).Build();
        using var batch = Batch(("arr", arr), ("plan_fit", planFit));

        var columns = new ArrowAccountColumns(batch, AsOf);

        Assert.Equal(3, columns.Count);
        Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(arr.Values), ref MemoryMarshal.GetReference(columns.Columns.Arr)));
        Assert.False(Unsafe.AreSame(ref MemoryMarshal.GetReference(planFit.Values), ref MemoryMarshal.GetReference(columns.Columns.PlanFit)));
        Assert.Equal([50, double.NaN, 70], columns.Columns.PlanFit.ToArray());
        Assert.True(columns.Columns.Velocity.IsEmpty);
    }

    [Fact]
    public void TextWhereANumberBelongs_RefusedNamingTheColumnItsTypeAndTheTypesExpected()
    {
        using var batch = Batch(("arr", Doubles(1000)), ("plan_fit", new StringArray.Builder().Append("high").Build()));

        var ex = Assert.Throws<ArgumentException>(() => new ArrowAccountColumns(batch, AsOf));

        Assert.StartsWith("Column 'plan_fit' holds utf8 values; expected numbers (double, float or integer).", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("velocity", 120.0, "Column 'velocity' holds 120 at row 1; expected a number from 0 to 100.")]
    [InlineData("arr", -5.0, "Column 'arr' holds -5 at row 1; expected a number from 0 to 1000000000000000.")]
    [InlineData("open_p1_p2_tickets", 1.5, "Column 'open_p1_p2_tickets' holds 1.5 at row 1; expected a whole number from 0 to 2147483647.")]
    public void ValueOutOfRange_RefusedNamingColumnRowAndValue(string column, double bad, string message)
    {
        using var batch = column == "arr"
            ? Batch(("arr", Doubles(1000, bad)))
            : Batch(("arr", Doubles(1000, 2000)), (column, Doubles(10, bad)));

        var ex = Assert.Throws<ArgumentException>(() => new ArrowAccountColumns(batch, AsOf));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingOrNullArr_Refused()
    {
        using var noArr = Batch(("plan_fit", Doubles(50)));
        using var nullArr = Batch(("arr", new DoubleArray.Builder().Append(1).AppendNull().Build()));

        Assert.StartsWith("Column 'arr' is missing", Assert.Throws<ArgumentException>(() => new ArrowAccountColumns(noArr, AsOf)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Column 'arr' has no value at row 1", Assert.Throws<ArgumentException>(() => new ArrowAccountColumns(nullArr, AsOf)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSegmentOrRawTelemetry_Refused()
    {
        using var segment = Batch(("arr", Doubles(1, 2)), ("segment", new StringArray.Builder().Append("SMB").Append("Startup").Build()));
        using var telemetry = Batch(("arr", Doubles(1)), ("usage_trend_pct", Doubles(12)));

        Assert.StartsWith("Column 'segment' holds 'Startup' at row 1; expected SMB, MidMarket or Enterprise.", Assert.Throws<ArgumentException>(() => new ArrowAccountColumns(segment, AsOf)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Column 'usage_trend_pct' is raw telemetry", Assert.Throws<ArgumentException>(() => new ArrowAccountColumns(telemetry, AsOf)).Message, StringComparison.Ordinal);
    }

    private static DoubleArray Doubles(params double[] values) => new DoubleArray.Builder().AppendRange(values).Build();

    private static RecordBatch Batch(params (string Name, IArrowArray Array)[] columns)
    {
        var schema = new Schema.Builder();
        foreach (var (name, array) in columns)
        {
            schema.Field(new Field(name, array.Data.DataType, nullable: true));
        }

        return new RecordBatch(schema.Build(), columns.Select(c => c.Array), columns[0].Array.Length);
    }

    private static RecordBatch ToBatch(Row[] book, bool dictionarySegments, bool timestamps)
    {
        static DoubleArray DoubleColumn(IEnumerable<double?> values)
        {
            var b = new DoubleArray.Builder();
            foreach (var v in values)
            {
                if (v is { } x)
                {
                    b.Append(x);
                }
                else
                {
                    b.AppendNull();
                }
            }

            return b.Build();
        }

        static Int32Array IntColumn(IEnumerable<int?> values)
        {
            var b = new Int32Array.Builder();
            foreach (var v in values)
            {
                if (v is { } x)
                {
                    b.Append(x);
                }
                else
                {
                    b.AppendNull();
                }
            }

            return b.Build();
        }

        static IArrowArray DateColumn(IEnumerable<DateOnly?> values, bool asTimestamps)
        {
            if (asTimestamps)
            {
                var t = new TimestampArray.Builder(TimeUnit.Millisecond, TimeZoneInfo.Utc);
                foreach (var v in values)
                {
                    if (v is { } d)
                    {
                        t.Append(new DateTimeOffset(d.ToDateTime(new TimeOnly(13, 30)), TimeSpan.Zero));
                    }
                    else
                    {
                        t.AppendNull();
                    }
                }

                return t.Build();
            }

            var b = new Date32Array.Builder();
            foreach (var v in values)
            {
                if (v is { } d)
                {
                    b.Append(d);
                }
                else
                {
                    b.AppendNull();
                }
            }

            return b.Build();
        }

        var velocity = new FloatArray.Builder();
        foreach (var v in book.Select(r => r.Signals[1]))
        {
            if (v is { } x)
            {
                velocity.Append((float)x);
            }
            else
            {
                velocity.AppendNull();
            }
        }

        var triggers = new Int64Array.Builder();
        foreach (var v in book.Select(r => r.Signals[4]))
        {
            if (v is { } x)
            {
                triggers.Append((long)x);
            }
            else
            {
                triggers.AppendNull();
            }
        }

        IArrowArray segments;
        if (dictionarySegments)
        {
            string[] words = ["SMB", "mid-market", "Enterprise"];
            var indices = new Int32Array.Builder();
            foreach (var s in book.Select(r => r.Segment))
            {
                if (s is { } x)
                {
                    indices.Append((int)x);
                }
                else
                {
                    indices.AppendNull();
                }
            }

            var dictionary = new StringArray.Builder().AppendRange(words).Build();
            segments = new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false), indices.Build(), dictionary);
        }
        else
        {
            var text = new StringArray.Builder();
            foreach (var s in book.Select(r => r.Segment))
            {
                text.Append(s switch { null => null, Segment.MidMarket => "MidMarket", Segment.SMB => "smb", _ => s.ToString() });
            }

            segments = text.Build();
        }

        return Batch(
            ("account_id", new StringArray.Builder().AppendRange(book.Select(r => r.Id)).Build()),
            ("ARR", DoubleColumn(book.Select(r => (double?)r.Arr))),
            ("segment", segments),
            ("plan_fit", DoubleColumn(book.Select(r => r.Signals[0]))),
            ("velocity", velocity.Build()),
            ("engagement", DoubleColumn(book.Select(r => r.Signals[2]))),
            ("champion", DoubleColumn(book.Select(r => r.Signals[3]))),
            ("triggers", triggers.Build()),
            ("seat_saturation", DoubleColumn(book.Select(r => r.Saturation))),
            ("seats_purchased", IntColumn(book.Select(r => r.Purchased))),
            ("seats_active", IntColumn(book.Select(r => r.Active))),
            ("days_to_renewal", IntColumn(book.Select(r => r.Days))),
            ("renewal_date", DateColumn(book.Select(r => r.Renewal), timestamps)),
            ("health_score", DoubleColumn(book.Select(r => r.Health))),
            ("open_p1_p2_tickets", IntColumn(book.Select(r => r.Tickets))),
            ("contract_start_date", DateColumn(book.Select(r => r.ContractStart), asTimestamps: false)),
            ("owner", new StringArray.Builder().AppendRange(book.Select(r => "someone")).Build()));
    }

    private static Row Generate(Random random, int i)
    {
        double? Maybe(double value, int missingOneIn = 4) => random.Next(missingOneIn) == 0 ? null : value;
        int? MaybeInt(int value, int missingOneIn = 3) => random.Next(missingOneIn) == 0 ? null : value;
        double?[] signals =
        [
            Maybe(Math.Round(random.NextDouble() * 100, 1)),
            Maybe(random.Next(0, 201) / 4.0), // exact as a float, as the Float column holds it
            Maybe(Math.Round(random.NextDouble() * 100, 2)),
            Maybe(random.Next(101)),
            Maybe(random.Next(101)), // whole, as the Int64 column holds it
        ];
        int purchased = random.Next(0, 300);
        return new Row(
            $"acct-{i}",
            random.Next(3) == 0 ? random.Next(1_000, 20_000) : Math.Round(random.NextDouble() * 500_000, 2),
            random.Next(5) == 0 ? null : (Segment)random.Next(3),
            signals,
            Maybe(Math.Round(random.NextDouble() * 1.3, 3), 2),
            MaybeInt(purchased),
            MaybeInt(random.Next(0, purchased + 40)),
            MaybeInt(random.Next(-30, 400), 2),
            random.Next(3) == 0 ? null : AsOf.AddDays(random.Next(-60, 500)),
            Maybe(random.Next(101)),
            MaybeInt(random.Next(0, 4)),
            random.Next(3) == 0 ? null : AsOf.AddDays(-random.Next(10, 900)));
    }

    /// <summary>One account's fields, null where it lacks them.</summary>
    private sealed record Row(string Id, double Arr, Segment? Segment, double?[] Signals, double? Saturation, int? Purchased, int? Active, int? Days, DateOnly? Renewal, double? Health, int? Tickets, DateOnly? ContractStart)
    {
        public Account ToAccount() => new()
        {
            Id = Id,
            Arr = Arr,
            Segment = Segment ?? ExpansionScoring.Segment.MidMarket,
            Signals = SignalValues.Of(Signals[0], Signals[1], Signals[2], Signals[3], Signals[4]),
            SeatSaturation = Saturation,
            SeatsPurchased = Purchased,
            SeatsActive = Active,
            DaysToRenewal = Days,
            RenewalDate = Renewal,
            HealthScore = Health,
            OpenP1P2Tickets = Tickets,
            ContractStartDate = ContractStart,
        };

        public override string ToString() => $"{Id}: arr {Arr}, {Segment}, signals [{string.Join(", ", Signals)}], saturation {Saturation}, seats {Active}/{Purchased}, days {Days}, renewal {Renewal}, health {Health}, tickets {Tickets}, start {ContractStart}";
    }

    private sealed class Results(int n)
    {
        public double[] Composite { get; } = new double[n];

        public double[] Probability { get; } = new double[n];

        public double[] Opportunity { get; } = new double[n];

        public ScoreOutcome[] Outcome { get; } = new ScoreOutcome[n];

        public ScoreColumns Columns => new() { Composite = Composite, Probability = Probability, Opportunity = Opportunity, Outcome = Outcome };
    }
}
