"""StreamField blocks for the public site, limited to what the GOV.UK styles cover."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# Rich text may hold only what the GOV.UK styles style: headings, lists, bold, links.
GOVUK_RICH_TEXT = ["h2", "h3", "bold", "ol", "ul", "link", "document-link"]
ANSWER_RICH_TEXT = ["bold", "ol", "ul", "link"]


class InsetTextBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=ANSWER_RICH_TEXT)

    class Meta:
        icon = "openquote"
        template = "content/blocks/inset_text.html"
        label = "Inset text"


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(max_length=120, help_text="The line people click to open it.")
    text = blocks.RichTextBlock(features=ANSWER_RICH_TEXT)

    class Meta:
        icon = "collapse-down"
        template = "content/blocks/details.html"
        label = "Details (opens and closes)"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="What the image shows, for people who cannot see it. Required.",
    )
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "content/blocks/image.html"


class AnswerBlock(blocks.StructBlock):
    """One person's answer: co-led interviews give each co-lead's answer in turn."""

    person = blocks.CharBlock(
        max_length=150, help_text="Who is answering: one of the people interviewed."
    )
    answer = blocks.RichTextBlock(features=ANSWER_RICH_TEXT)


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300)
    answers = blocks.ListBlock(AnswerBlock(), min_num=1, max_num=2)

    class Meta:
        icon = "help"
        template = "content/blocks/question_answer.html"
        label = "Question and answers"


class BodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=GOVUK_RICH_TEXT)
    inset_text = InsetTextBlock()
    details = DetailsBlock()
    image = ImageBlock()


class SpotlightBodyBlock(BodyBlock):
    question_answer = QuestionAnswerBlock()


class NewsletterItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=150)
    text = blocks.RichTextBlock(features=ANSWER_RICH_TEXT)
    link = blocks.URLBlock(required=False, help_text="Where to read more (optional).")

    class Meta:
        icon = "list-ul"
        template = "content/blocks/newsletter_item.html"
        label = "Item"
