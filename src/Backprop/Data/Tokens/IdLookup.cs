namespace Backprop.Data.Tokens;

/// <summary>Decoding's one step, shared by the tokenizers: out[t] = entry(ids[t]) for ids in 0 … V − 1, and an
/// <see cref="ArgumentOutOfRangeException"/> naming the first id outside.</summary>
internal static class IdLookup
{
    public static T[] Map<T>(IReadOnlyList<int> ids, int vocabularySize, Func<int, T> entry)
    {
        var result = new T[ids.Count];
        for (int t = 0; t < result.Length; t++)
            result[t] = (uint)ids[t] < (uint)vocabularySize ? entry(ids[t])
                : throw new ArgumentOutOfRangeException(nameof(ids), ids[t], $"A token id runs from 0 to {vocabularySize - 1}.");
        return result;
    }
}
