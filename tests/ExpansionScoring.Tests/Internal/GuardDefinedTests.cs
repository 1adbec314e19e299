using ExpansionScoring.Gates;
using ExpansionScoring.Internal;
using ExpansionScoring.Offers;
using ExpansionScoring.Windows;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Internal;

/// <summary>
/// <see cref="Guard.Defined{T}"/> takes exactly the values <see cref="Enum.IsDefined{TEnum}(TEnum)"/> takes: by a bound for
/// the enums whose values are 0 to n − 1, and by the general check for the others (flags such as <see cref="GateFlags"/>).
/// </summary>
public sealed class GuardDefinedTests
{
    [Property(MaxTest = 500)]
    public void Defined_AgreesWithEnumIsDefined(int raw)
    {
        foreach (int value in new[] { raw, raw & 15, -1, 0 })
        {
            Agrees((Segment)value);
            Agrees((OfferKind)value);
            Agrees((PitchWindow)value);
            Agrees((Confidence)value);
            Agrees((GateFlags)value); // 0, 1, 2, 4: not 0 to n − 1
            Agrees((MissingSignalPolicy)value);
        }
    }

    private static void Agrees<T>(T value)
        where T : struct, Enum
    {
        if (Enum.IsDefined(value))
        {
            Assert.Equal(value, Guard.Defined(value));
        }
        else
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Defined(value));
        }
    }
}
