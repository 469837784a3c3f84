"""Follow-through: carried actions, action status, people, cadence, wellbeing, plan/debrief.

Plain Python over the domain and the store (no Textual). See docs/follow-through.md.
"""
