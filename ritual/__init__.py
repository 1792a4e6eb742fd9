"""ritual"""
