"""bot/surfaces"""
