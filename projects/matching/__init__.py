"""Matchmaking, both ways: tasks for a drafter and drafters for a task's mentor.

weights.py holds every named weight; scoring.py turns evidence into a score and its reasons
(pure Python, no queries); evidence.py and candidates.py load what scoring needs in a bounded
number of queries; text.py asks the full-text index (the same one as search) for relevance.
"""
