using ExpansionScoring.Cli.Input;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Cli.Tests.Input;

/// <summary>The duplicate-id index behaves as a set of ids with the line each was first seen on, through growth.</summary>
public class DuplicateIdIndexTests
{
    [Property(MaxTest = 200)]
    public void TryAdd_AnyIds_AgreesWithADictionary(string[] ids, bool reserve)
    {
        var index = new DuplicateIdIndex();
        if (reserve)
        {
            index.Reserve(ids.Length);
        }

        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int line = 0; line < ids.Length; line++)
        {
            string id = ids[line] ?? string.Empty;
            bool isNew = expected.TryAdd(id, line);
            Assert.Equal(isNew, index.TryAdd(id, line, out long first));
            Assert.Equal(expected[id], first);
        }

        Assert.Equal(expected.Count, index.Count);
    }

    [Fact]
    public void TryAdd_ManyIdsThroughSeveralResizes_FindsEveryDuplicateWithItsFirstLine()
    {
        var index = new DuplicateIdIndex();
        for (int i = 0; i < 200_000; i++)
        {
            Assert.True(index.TryAdd($"acct-{i:D7}", i, out _));
        }

        for (int i = 0; i < 200_000; i += 997)
        {
            Assert.False(index.TryAdd($"acct-{i:D7}", 1_000_000 + i, out long first));
            Assert.Equal(i, first);
        }

        Assert.Equal(200_000, index.Count);
    }

    [Fact]
    public void TryAdd_SpanStringAndPreparedHash_AreTheSameId()
    {
        var index = new DuplicateIdIndex();
        Assert.True(index.TryAdd("acct-1".AsSpan(), 1));
        Assert.False(index.TryAdd("acct-1", 2, out long first));
        Assert.Equal(1, first);
        ulong hash = DuplicateIdIndex.Hash("acct-2".AsSpan());
        index.Prefetch(hash);
        Assert.True(index.TryAdd(hash, 3));
        Assert.False(index.TryAdd("acct-2".AsSpan(), 4));
    }

    [Property(MaxTest = 500)]
    public void Hash_IdsThatDifferInOneCharacterOrInLength_Differ(NonEmptyString text, PositiveInt at, char replacement)
    {
        string id = text.Get;
        int i = at.Get % id.Length;
        string other = id[..i] + replacement + id[(i + 1)..];
        if (other != id)
        {
            Assert.NotEqual(DuplicateIdIndex.Hash(id), DuplicateIdIndex.Hash(other));
        }

        Assert.NotEqual(DuplicateIdIndex.Hash(id), DuplicateIdIndex.Hash(id + "\0"));
    }
}
