using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Templates;
using Markdig;

namespace Autograder.Web.Exams;

/// <summary>A variant's statement as HTML: the bank's Markdown template filled with the variant, math left for KaTeX in the browser.</summary>
public static class Statements
{
    // Math spans become <span class="math">\(..\)</span>, which KaTeX's auto-render typesets; raw HTML in the bank is not passed through.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseMathematics().UsePipeTables().UseEmphasisExtras().DisableHtml().Build();

    public static string Html(ProblemDefinition problem, JsonObject parameters, JsonObject answers) =>
        Markdown.ToHtml(StatementTemplate.Render(problem.Statement, parameters, answers), Pipeline);

    public static string Html(string markdown) => Markdown.ToHtml(markdown, Pipeline);
}

/// <summary>What each kind of answer box takes, said to the student next to it.</summary>
public static class AnswerHints
{
    public static string For(PartDefinition part) => part.Type switch
    {
        AnswerType.Number => "A number, such as 0.25, -3 or 1.5e-3.",
        AnswerType.Integer => "A whole number.",
        AnswerType.Vector => part.Options.Length is int n ? $"A list of {n} numbers, such as [1, -2, 0.5]." : "A list of numbers, such as [1, -2, 0.5].",
        AnswerType.Matrix or AnswerType.Property => "A matrix as rows: [[1, 2], [3, 4]], or one row per line.",
        AnswerType.Shape => "A shape, such as [10, 64, 32, 32] or 28 x 28 x 10.",
        AnswerType.Interval => "An interval, such as (0, 1], [2, inf) or the empty set {}.",
        AnswerType.Choice => "Pick one.",
        AnswerType.Multi => "Pick every one that applies.",
        AnswerType.Tokens => "The tokens in order, separated by spaces.",
        AnswerType.Formula => part.Options.Variables is { Count: > 0 } v
            ? $"A formula in {string.Join(", ", v)}, such as 2*{v[0]}^2."
            : "A formula, such as 2*x^2.",
        AnswerType.Complexity => "A big-O bound, such as O(n^2 d).",
        AnswerType.Manual => "A written answer; a TA grades it.",
        AnswerType.Code => "C# source: the starter's class with your code.",
        _ => "",
    };

    public static string TypeName(AnswerType type) => type.ToString().ToLowerInvariant();
}
