using System.Security.Cryptography;
using System.Text;

namespace Autograder.Sandbox.Grading;

/// <summary>
/// The seed of a submission's random tests: one per exam seed, student and attempt, so that tests seen once (or leaked)
/// are no key to anyone else's, nor to the same student's next attempt.
/// </summary>
public readonly record struct CodeSeed(long ExamSeed, string Student, int Attempt)
{
    public long Value
    {
        get
        {
            var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"autograder-code-seed/v1\n{ExamSeed}\n{Student}\n{Attempt}"));
            return BitConverter.ToInt64(bytes, 0);
        }
    }
}
