from django import template

from exhibitions import floorplan

register = template.Library()


@register.simple_tag
def floor_plan(plan, title):
    """`{% floor_plan plan exhibition.title %}`: the SVG plan of `selectors.floor_plan`."""
    return floorplan.render_svg(plan, title)


@register.simple_tag
def floor_plan_legend():
    return floorplan.legend()


@register.filter
def booth_state(state):
    return floorplan.state_label(state)


@register.filter
def booth_size(booth):
    """A booth's size in m², in the reader's digits."""
    return floorplan.size_label(booth)
