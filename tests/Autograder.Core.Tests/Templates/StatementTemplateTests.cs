using System.Text.Json.Nodes;
using Autograder.Core.Bank;
using Autograder.Core.Inputs;
using Autograder.Core.Templates;

namespace Autograder.Core.Tests.Templates;

public sealed class StatementTemplateTests
{
    [Fact]
    public void Render_FillsPlaceholders_AndFormatsMatricesAsLatex()
    {
        var parameters = JsonNode.Parse("""{"d": 64, "M": [[1, 2], [3, 4.5]], "eta": 0.1}""")!.AsObject();
        var text = StatementTemplate.Render("d = {{ params.d }}, $M = {{ params.M | matrix }}$, η = {{ params.eta | num }}", parameters);
        Assert.Equal("d = 64, $M = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4.5 \\end{bmatrix}$, η = 0.1", text);
    }

    [Fact]
    public void Render_Fails_WhenPlaceholderNamesMissingParam()
    {
        var e = Assert.Throws<BadInputException>(() => StatementTemplate.Render("{{ params.nope.x }}", []));
        Assert.Equal("params", e.Field);
    }

    [Fact]
    public void Validate_NamesTheLine_WhenTemplateIsBroken()
    {
        var e = Assert.Throws<BankException>(() => StatementTemplate.Validate("line one\n{{ for x in params.a }}", "statement.md"));
        Assert.Equal("statement.md", e.File);
        Assert.True(e.Line >= 2);
    }
}
