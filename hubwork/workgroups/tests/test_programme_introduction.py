"""A Work Group's page says the programme's introduction once: "About the programme" is left
out when the Work Group's own description already says it (as hubs often start from it)."""

from hubwork.workgroups.tests.factories import ProgrammeFactory, WorkGroupFactory

SUMMARY = "Teachers of Core Maths develop their pedagogy together."


def page(client, work_group) -> str:
    return client.get(f"/work-groups/{work_group.slug}/").content.decode()


def test_a_description_that_repeats_the_introduction_is_not_followed_by_it_again(client, hub):
    programme = ProgrammeFactory.create(summary=SUMMARY)
    work_group = WorkGroupFactory.create(
        hub=hub, programme=programme, description=f"{SUMMARY}\n\nThree full days at GLOW."
    )
    html = page(client, work_group)
    assert html.count("Teachers of Core Maths develop their pedagogy together.") == 1
    assert "About the programme" not in html


def test_the_same_words_spaced_or_cased_differently_count_as_a_repeat(client, hub):
    programme = ProgrammeFactory.create(summary=SUMMARY)
    work_group = WorkGroupFactory.create(
        hub=hub,
        programme=programme,
        description="teachers of core maths  develop their\npedagogy together.",
    )
    assert "About the programme" not in page(client, work_group)


def test_a_description_of_its_own_is_followed_by_the_introduction(client, hub):
    programme = ProgrammeFactory.create(summary=SUMMARY)
    work_group = WorkGroupFactory.create(hub=hub, programme=programme)
    html = page(client, work_group)
    assert '<h2 class="govuk-heading-m">About the programme</h2>' in html
    assert SUMMARY in html
