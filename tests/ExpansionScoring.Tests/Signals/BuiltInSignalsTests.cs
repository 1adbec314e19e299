using ExpansionScoring.Columnar;
using ExpansionScoring.Presets;
using ExpansionScoring.Signals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Signals;

/// <summary>
/// The built-in signals are declared once (<see cref="BuiltInSignals"/>); the keys, scorers, presets, columns and rows
/// follow from that table, and the named column and row members are views of the by-id ones.
/// </summary>
public sealed class BuiltInSignalsTests
{
    [Fact]
    public void Table_IsTheKeysScorersAndPresetsInIdOrder()
    {
        Assert.Equal(BuiltInSignals.All.Select(s => s.Name), SignalKey.BuiltIn.Select(k => k.Name));
        Assert.Equal(Enumerable.Range(0, BuiltInSignals.Count), SignalKey.BuiltIn.Select(k => k.Id));
        Assert.Equal(BuiltInSignals.All.Select(s => s.Scorer), DefaultSignalScorers.All);
        Assert.All(BuiltInSignals.All, s => Assert.Equal(s.Name, s.Scorer.Key.Name));
        Assert.InRange(BuiltInSignals.Count, 5, BuiltInSignals.Capacity);
    }

    [Fact]
    public void BuiltInPresets_WeighEachSignalAsTheTableSays_LeavingOutZeroWeights()
    {
        foreach (var preset in WeightPreset.BuiltInPresets)
        {
            var expected = BuiltInSignals.All.Select((s, id) => (Key: SignalKey.BuiltIn[id], Weight: s.WeightIn(preset.Name))).Where(w => w.Weight > 0);
            Assert.Equal(expected, preset.Weights.Select(w => (w.Key, w.Value)));
        }
    }

    [Property(MaxTest = 100)]
    public void AccountRow_NamedMembersIndexerAndWithSignal_AreOneValuePerSignal(double[] values)
    {
        var row = new AccountRow();
        for (int id = 0; id < BuiltInSignals.Count; id++)
        {
            Assert.True(double.IsNaN(row[SignalKey.BuiltIn[id]]), "a new row's signals are missing");
            row = row.WithSignal(SignalKey.BuiltIn[id], id < values.Length ? values[id] : double.NaN);
        }

        for (int id = 0; id < BuiltInSignals.Count; id++)
        {
            Assert.Equal(id < values.Length ? values[id] : double.NaN, row[SignalKey.BuiltIn[id]]);
        }

        double[] named = [row.PlanFit, row.Velocity, row.Engagement, row.Champion, row.Triggers];
        Assert.Equal(named, SignalKey.BuiltIn.Take(5).Select(k => row[k]));
        var initialised = new AccountRow { [SignalKey.Velocity] = 42, Champion = 7 };
        Assert.Equal(42, initialised.Velocity);
        Assert.Equal(7, initialised[SignalKey.Champion]);
        Assert.Equal(initialised, new AccountRow { Velocity = 42, Champion = 7 });
        Assert.True(double.IsNaN(initialised.PlanFit));
    }

    [Property(MaxTest = 100)]
    public void AccountColumns_NamedMembersIndexerAndWithSignal_AreTheSameSpans(PositiveInt size)
    {
        int n = size.Get % 50;
        double[][] signals = [.. SignalKey.BuiltIn.Select((_, id) => Enumerable.Range(0, n).Select(i => (double)((i * 7) + id)).ToArray())];
        var columns = new AccountColumns { Arr = new double[n] };
        foreach (var key in SignalKey.BuiltIn)
        {
            columns = columns.WithSignal(key, signals[key.Id]);
        }

        foreach (var key in SignalKey.BuiltIn)
        {
            Assert.True(columns[key] == signals[key.Id], $"{key} is its own column");
        }

        Assert.True(columns.PlanFit == columns[SignalKey.PlanFit]);
        Assert.True(columns.Velocity == columns[SignalKey.Velocity]);
        Assert.True(columns.Engagement == columns[SignalKey.Engagement]);
        Assert.True(columns.Champion == columns[SignalKey.Champion]);
        Assert.True(columns.Triggers == columns[SignalKey.Triggers]);

        var initialised = new AccountColumns { Arr = new double[n], Velocity = signals[1], [SignalKey.Triggers] = signals[4] };
        Assert.True(initialised[SignalKey.Velocity] == signals[1]);
        Assert.True(initialised.Triggers == signals[4]);
        Assert.True(initialised.PlanFit.IsEmpty);
    }

    [Fact]
    public void ColumnsAndRows_AUserDefinedSignal_IsRefusedByName()
    {
        var nps = SignalKey.Of("Nps");
        var ex = Assert.Throws<ArgumentException>(() => new AccountRow().WithSignal(nps, 1));
        Assert.Contains("'Nps' is not a built-in signal", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new AccountRow()[nps]);
        Assert.Throws<ArgumentException>(() => new AccountColumns { Arr = [1.0] }.WithSignal(nps, [1.0]));
    }

    [Fact]
    public void ScoreBatch_ASignalColumnOfTheWrongLength_NamesTheSignal()
    {
        var ex = Assert.Throws<ArgumentException>(() => ScoringModel.Default.ScoreBatch(new AccountColumns { Arr = [1.0, 2.0] }.WithSignal(SignalKey.Engagement, [1.0]), TestData.AsOf, default));
        Assert.Contains("Column Engagement holds 1 values but Arr holds 2", ex.Message, StringComparison.Ordinal);
    }
}
