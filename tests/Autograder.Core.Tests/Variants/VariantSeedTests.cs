using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Autograder.Core.Variants;

namespace Autograder.Core.Tests.Variants;

public sealed class VariantSeedTests
{
    [Fact]
    public void SplitMix64_MatchesReferenceSequence_ForSeedZero()
    {
        // First outputs of Vigna's splitmix64.c for x = 0.
        var rng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, rng.NextUInt64());
    }

    [Fact]
    public void For_IsFirstEightBytesOfSha256_OfTheDocumentedText()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("autograder-variant/v1\nbeam-search-tree\n1\n42\ns001"));
        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(hash), VariantSeed.For("beam-search-tree", 1, 42, "s001"));
    }

    [Fact]
    public void For_Differs_WhenStudentOrSeedOrVersionDiffers()
    {
        var seeds = new[]
        {
            VariantSeed.For("p", 1, 1, "a"), VariantSeed.For("p", 1, 1, "b"), VariantSeed.For("p", 1, 2, "a"), VariantSeed.For("p", 2, 1, "a"),
        };
        Assert.Equal(seeds.Length, seeds.Distinct().Count());
    }

    [Fact]
    public void NextInt_StaysInRange_AndHitsEveryValue()
    {
        var rng = new SplitMix64(7);
        var seen = new HashSet<int>();
        for (var i = 0; i < 2000; i++)
        {
            var v = rng.NextInt(-2, 3);
            Assert.InRange(v, -2, 3);
            seen.Add(v);
        }
        Assert.Equal(6, seen.Count);
    }
}
