using RagAssistant.Sqlite.Search;

namespace RagAssistant.Core.Tests.Storage;

/// <summary>
/// One term's postings packed as 16-bit slot lows and palette codes in segments of 65,536 slots: walked or sought,
/// a list gives back every slot and the very float appended with it, across segments that are dense, sparse or
/// missing, also when papers are appended after the list was trimmed (a load's end).
/// </summary>
public sealed class PostingListTests
{
    [Fact]
    public void Walking_a_list_gives_back_every_slot_with_its_very_weight()
    {
        var (list, slots, weights) = RandomList(new Random(1));

        var cursor = new PostingCursor(list);
        for (var p = 0; p < slots.Count; p++, cursor.Next())
        {
            Assert.Equal(slots[p], cursor.Slot);
            Assert.Equal(BitConverter.SingleToUInt32Bits(weights[p]), BitConverter.SingleToUInt32Bits(cursor.Weight));
        }
        Assert.Equal(int.MaxValue, cursor.Slot);
    }

    [Fact]
    public void Seeking_lands_on_the_first_slot_at_or_after_the_one_sought_even_segments_away()
    {
        var random = new Random(2);
        var (list, slots, weights) = RandomList(random);
        for (var walk = 0; walk < 200; walk++)
        {
            var cursor = new PostingCursor(list);
            while (cursor.Slot != int.MaxValue)
            {
                // Short hops within a segment and long ones over several.
                var sought = cursor.Slot + 1 + (random.Next(4) == 0 ? random.Next(300_000) : random.Next(2_000));
                cursor.Seek(sought);
                var found = slots.BinarySearch(sought);
                var expected = found >= 0 ? found : ~found;
                Assert.Equal(expected < slots.Count ? slots[expected] : int.MaxValue, cursor.Slot);
                if (expected < slots.Count) Assert.Equal(weights[expected], cursor.Weight);
            }
        }
    }

    [Fact]
    public void Papers_appended_after_a_trim_reuse_the_codes_of_weights_their_segment_has()
    {
        var list = new PostingList();
        var weights = Enumerable.Range(0, 300).Select(i => 1f + i / 7f).ToArray(); // more than a scanned palette holds
        for (var slot = 0; slot < 1000; slot++) list.Append(slot, weights[slot % weights.Length]);
        list.Trim();
        Assert.Equal(300, list.PaletteCount);

        for (var slot = 1000; slot < 2000; slot++) list.Append(slot, weights[slot % weights.Length]);

        Assert.Equal(300, list.PaletteCount);
        var cursor = new PostingCursor(list);
        cursor.Seek(1999);
        Assert.Equal(weights[1999 % weights.Length], cursor.Weight);
    }

    /// <summary>
    /// About 20,000 postings over seven segments: dense, sparse, one missing, with many distinct weights in a
    /// segment (some paper lengths) and a few repeated everywhere.
    /// </summary>
    private static (PostingList List, List<int> Slots, List<float> Weights) RandomList(Random random)
    {
        var (list, slots, weights) = (new PostingList(), new List<int>(), new List<float>());
        double[] density = [0.2, 0.001, 0, 0.05, 0.00005, 0.01, 0.03];
        for (var slot = 0; slot < density.Length << 16; slot++)
        {
            if (random.NextDouble() >= density[slot >> 16]) continue;
            var weight = random.Next(3) == 0 ? (float)random.NextDouble() : 0.5f + random.Next(4) / 3f;
            list.Append(slot, weight);
            slots.Add(slot);
            weights.Add(weight);
        }
        return (list, slots, weights);
    }
}
