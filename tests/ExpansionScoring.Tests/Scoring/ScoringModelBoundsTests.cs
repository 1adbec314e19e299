using ExpansionScoring.Presets;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Scoring;

/// <summary>
/// The bounds show exactly: all-100 signals give a composite of 100 and a probability of 95 (not 94.99999999999997),
/// all-0 give 5, under every built-in preset and segment, on the general engine. Regression for the float noise of
/// issue 13 ("No float noise in outputs").
/// </summary>
public class ScoringModelBoundsTests
{
    public static TheoryData<string, Segment> PresetsAndSegments()
    {
        var data = new TheoryData<string, Segment>();
        foreach (var preset in WeightPreset.BuiltInPresets)
        {
            foreach (var segment in Enum.GetValues<Segment>())
            {
                data.Add(preset.Name, segment);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PresetsAndSegments))]
    public void Score_AllSignals100_CompositeExactly100AndProbabilityExactly95(string preset, Segment segment)
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Preset = preset });

        var score = model.Score(TestData.Uniform(100, segment), TestData.AsOf);

        Assert.Equal(100d, score.Composite);
        Assert.Equal(95d, score.Probability);
    }

    [Theory]
    [MemberData(nameof(PresetsAndSegments))]
    public void Score_AllSignals0_ProbabilityExactly5(string preset, Segment segment)
    {
        var model = ScoringModel.Create(new ExpansionScoringOptions { Preset = preset });

        var score = model.Score(TestData.Uniform(0, segment), TestData.AsOf);

        Assert.Equal(0d, score.Composite);
        Assert.Equal(5d, score.Probability);
    }

    /// <summary>A weighted average of equal values is that value exactly, whatever the weights.</summary>
    [Property(MaxTest = 300)]
    public bool Score_EqualSignals_CompositeIsExactlyThatValue(NormalFloat value, PositiveInt presetIndex)
    {
        double v = Math.Clamp(Math.Abs(value.Get) % 100.0001, 0, 100);
        var presets = WeightPreset.BuiltInPresets.ToList();
        var model = ScoringModel.Create(new ExpansionScoringOptions { Preset = presets[presetIndex.Get % presets.Count].Name });

        return model.Score(TestData.Uniform(v), TestData.AsOf).Composite == v;
    }
}
